package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgReleaseHandle;
import dev.gssproxy4j.protocol.proc.ResReleaseHandle;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.error.GssErrors;

/**
 * GSSX_RELEASE_HANDLE (procedure 10). Credentials and contexts live in the sealed handles and tokens the client
 * holds (and {@code needs_release} is always false), so releasing a credential or a security context succeeds with
 * GSS_S_COMPLETE; a released context's live copy, if the per-message procedures cached one, is deleted.
 *
 * <p><b>Deliberate difference:</b> upstream ({@code gp_rpc_release_handle.c}) answers GSS_S_UNAVAILABLE for both.
 * Its clients only send this call when {@code needs_release} is true, which neither daemon sets, so no known client
 * sees the difference; a client that releases eagerly gets the truthful answer "done" instead of an error. Like
 * upstream, any other handle type is GSS_S_CALL_BAD_STRUCTURE.
 */
public final class ReleaseHandle implements ProcedureHandler<ArgReleaseHandle, ResReleaseHandle> {

    @Override
    public ResReleaseHandle handle(ArgReleaseHandle args, CallContext call) {
        return switch (args.credHandle()) {
            case GssxHandle.Cred cred -> new ResReleaseHandle(GssxStatus.COMPLETE);
            case GssxHandle.SecCtx ctx -> {
                SealedContexts.forget(call, ctx.secCtxInfo());
                yield new ResReleaseHandle(GssxStatus.COMPLETE);
            }
            case GssxHandle.Other other -> throw GssErrors.bare(MajorStatus.GSS_S_CALL_BAD_STRUCTURE);
        };
    }

    @Override
    public ResReleaseHandle failure(GssxStatus status) {
        return new ResReleaseHandle(status);
    }
}
