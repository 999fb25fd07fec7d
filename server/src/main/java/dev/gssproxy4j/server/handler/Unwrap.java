package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.UnwrapResult;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_UNWRAP (procedure 14), as upstream {@code gp_rpc_unwrap.c}: open the context's sealed copy, {@code gss_unwrap}
 * (RFC 2743 section 2.3.4) the <em>first</em> token buffer (further ones are ignored, as upstream ignores them),
 * re-export the context and return it with the message and whether it was encrypted. Two deliberate differences:
 * the QOP returned is the one the token carried (upstream echoes the request's {@code qop_state}), and
 * supplementary bits such as GSS_S_DUPLICATE_TOKEN come in the major status together with the outputs (upstream
 * drops the outputs), since RFC 2743 makes them informational.
 */
public final class Unwrap implements ProcedureHandler<ArgUnwrap, ResUnwrap> {

    @Override
    public ResUnwrap handle(ArgUnwrap args, CallContext call) throws InterruptedException {
        Gss gss = call.resources().gss();
        Opaque token = args.tokenBuffer().isEmpty() ? Opaque.EMPTY : args.tokenBuffer().getFirst();
        boolean sealedOnly = Requests.sealedOnly(args.callCtx());
        try (PerMessageContext live = SealedContexts.leaseComplete(call, args.contextHandle())) {
            UnwrapResult unwrapped = live.context().unwrap(token.asReadOnlyBuffer());
            Optional<GssxCtx> updated = live.copyIfDue(sealedOnly);
            return new ResUnwrap(Requests.supplementary(gss, unwrapped.supplementary()), updated,
                    List.of(Opaque.adopt(unwrapped.message())), Optional.of(unwrapped.confState()),
                    Optional.of(Integer.toUnsignedLong(unwrapped.qop())));
        }
    }

    @Override
    public ResUnwrap failure(GssxStatus status) {
        return new ResUnwrap(status, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }
}
