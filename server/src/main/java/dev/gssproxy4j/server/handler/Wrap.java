package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.WrapResult;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_WRAP (procedure 13), as upstream {@code gp_rpc_wrap.c}: open the context's sealed copy, {@code gss_wrap} (RFC 2743
 * section 2.3.3) the <em>first</em> message buffer (an empty list wraps an empty message; further buffers are
 * ignored, as upstream ignores them), re-export the context and return it with the one token, whether
 * confidentiality was applied and the requested QOP.
 */
public final class Wrap implements ProcedureHandler<ArgWrap, ResWrap> {

    @Override
    public ResWrap handle(ArgWrap args, CallContext call) throws InterruptedException {
        int qop = Requests.qop(args.qopState());
        Opaque message = args.messageBuffer().isEmpty() ? Opaque.EMPTY : args.messageBuffer().getFirst();
        boolean sealedOnly = Requests.sealedOnly(args.callCtx());
        try (PerMessageContext live = SealedContexts.leaseComplete(call, args.contextHandle())) {
            WrapResult wrapped = live.context().wrap(args.confReq(), qop, message.asReadOnlyBuffer());
            Optional<GssxCtx> updated = live.copyIfDue(sealedOnly);
            return new ResWrap(GssxStatus.COMPLETE, updated, List.of(Opaque.adopt(wrapped.token())),
                    Optional.of(wrapped.confState()), Optional.of(args.qopState()));
        }
    }

    @Override
    public ResWrap failure(GssxStatus status) {
        return new ResWrap(status, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }
}
