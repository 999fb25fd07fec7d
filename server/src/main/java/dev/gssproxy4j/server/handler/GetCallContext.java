package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgGetCallContext;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;

/**
 * GSSX_GET_CALL_CONTEXT (procedure 2). Upstream registers it as a stub ({@code GP_EXEC_UNUSED_FUNC}) that answers
 * SUCCESS with an all-zero result, and no client uses it. gssproxy4j keeps no per-call server context either, so it
 * answers the same thing on purpose: GSS_S_COMPLETE, an empty {@code server_call_ctx} and no options.
 */
public final class GetCallContext implements ProcedureHandler<ArgGetCallContext, ResGetCallContext> {

    @Override
    public ResGetCallContext handle(ArgGetCallContext args, CallContext call) {
        return new ResGetCallContext(GssxStatus.COMPLETE, Opaque.EMPTY, List.of());
    }

    @Override
    public ResGetCallContext failure(GssxStatus status) {
        return new ResGetCallContext(status, Opaque.EMPTY, List.of());
    }
}
