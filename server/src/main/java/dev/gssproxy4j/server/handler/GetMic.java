package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ResGetMic;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Optional;

/**
 * GSSX_GET_MIC (procedure 11), as upstream {@code gp_rpc_get_mic.c}: open the context's sealed copy, {@code gss_get_mic}
 * (RFC 2743 section 2.3.1), re-export it (its send sequence number moved on) and return it with the MIC token and
 * the QOP that was requested. The exported-context-type option of {@code call_ctx} is ignored: the context comes
 * back in the default (MIT export) form the client sent, without the clear token if {@code call_ctx} carries
 * {@code gssproxy4j.sealed_only} (as in WRAP, UNWRAP and VERIFY_MIC).
 */
public final class GetMic implements ProcedureHandler<ArgGetMic, ResGetMic> {

    @Override
    public ResGetMic handle(ArgGetMic args, CallContext call) throws InterruptedException {
        int qop = Requests.qop(args.qopReq());
        boolean sealedOnly = Requests.sealedOnly(args.callCtx());
        try (PerMessageContext live = SealedContexts.leaseComplete(call, args.contextHandle())) {
            byte[] mic = live.context().getMic(qop, args.messageBuffer().asReadOnlyBuffer());
            Optional<GssxCtx> updated = live.copyIfDue(sealedOnly);
            return new ResGetMic(GssxStatus.COMPLETE, updated, Opaque.adopt(mic),
                    Optional.of(args.qopReq()));
        }
    }

    @Override
    public ResGetMic failure(GssxStatus status) {
        return new ResGetMic(status, Optional.empty(), Opaque.EMPTY, Optional.empty());
    }
}
