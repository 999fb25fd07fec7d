package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgGetCallContext;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;

/**
 * GSSX_GET_CALL_CONTEXT (procedure 2). Upstream registers it as a stub ({@code GP_EXEC_UNUSED_FUNC}) that answers
 * SUCCESS with an all-zero result; the original design meant it to tell clients which of their environment
 * variables the daemon wants. gssproxy4j answers that: one option {@code gssproxy4j.env.<NAME>} with an empty value
 * per variable the caller's service lists in {@code allow_client_env} (docs/PROTOCOL.md), and none when it lists
 * nothing, which is upstream's answer. {@code server_call_ctx} stays empty: the daemon keeps no per-call state.
 */
public final class GetCallContext implements ProcedureHandler<ArgGetCallContext, ResGetCallContext> {

    @Override
    public ResGetCallContext handle(ArgGetCallContext args, CallContext call) {
        List<GssxOption> wanted = call.service().allowClientEnv().stream()
                .map(v -> GssxOption.of(v.optionName(), Opaque.EMPTY)).toList();
        return new ResGetCallContext(GssxStatus.COMPLETE, Opaque.EMPTY, wanted);
    }

    @Override
    public ResGetCallContext failure(GssxStatus status) {
        return new ResGetCallContext(status, Opaque.EMPTY, List.of());
    }
}
