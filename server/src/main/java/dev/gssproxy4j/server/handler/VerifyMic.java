package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.VerifyResult;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgVerifyMic;
import dev.gssproxy4j.protocol.proc.ResVerifyMic;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import java.util.Optional;

/**
 * GSSX_VERIFY (procedure 12), as upstream {@code gp_rpc_verify_mic.c}: open the context's sealed copy, {@code gss_verify_mic}
 * (RFC 2743 section 2.3.2), re-export it (its replay window moved on) and return it with the QOP applied. A bad MIC
 * is GSS_S_BAD_SIG with no context. Unlike upstream, which reports supplementary bits (e.g. GSS_S_DUPLICATE_TOKEN)
 * as a bare status and drops the outputs, they are returned in the major status <em>with</em> the outputs, as
 * RFC 2743 defines them: informational, not errors.
 */
public final class VerifyMic implements ProcedureHandler<ArgVerifyMic, ResVerifyMic> {

    @Override
    public ResVerifyMic handle(ArgVerifyMic args, CallContext call) throws InterruptedException {
        Gss gss = call.resources().gss();
        boolean sealedOnly = Requests.sealedOnly(args.callCtx());
        try (PerMessageContext live = SealedContexts.leaseComplete(call, args.contextHandle())) {
            VerifyResult verified = live.context().verifyMic(args.messageBuffer().asReadOnlyBuffer(),
                    args.tokenBuffer().asReadOnlyBuffer());
            Optional<GssxCtx> updated = live.copyIfDue(sealedOnly);
            return new ResVerifyMic(Requests.supplementary(gss, verified.supplementary()), updated,
                    Optional.of(Integer.toUnsignedLong(verified.qop())));
        }
    }

    @Override
    public ResVerifyMic failure(GssxStatus status) {
        return new ResVerifyMic(status, Optional.empty(), Optional.empty());
    }
}
