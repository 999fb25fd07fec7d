package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.call.CallContext;

/**
 * One procedure of the protocol (STYLE rule 1: one class each). Every handler has the same shape: validate, open
 * handles, call the mechanism, seal handles, fill the status. A handler reports an error
 * by throwing a {@link dev.gssproxy4j.mech.GssException} (the library's, or one of
 * {@link dev.gssproxy4j.server.error.GssErrors}): the dispatcher turns it into {@link #failure} with that status,
 * filling in the major text ({@link Statuses#failure}).
 *
 * @param <A> the procedure's {@code gssx_arg_*}
 * @param <R> the procedure's {@code gssx_res_*}
 */
public interface ProcedureHandler<A extends GssxArg, R extends GssxRes> {

    R handle(A args, CallContext call) throws InterruptedException;

    /**
     * The {@code call_ctx} whose client environment ({@code gssproxy4j.env.*} options, docs/PROTOCOL.md) this
     * procedure honours: {@link CallCtx#EMPTY} unless the procedure reads it. The dispatcher builds the call's
     * credential policy ({@link CallContext#credentials()}) with it.
     */
    default CallCtx clientEnvironment(A args) {
        return CallCtx.EMPTY;
    }

    /** A result that carries only {@code status}, every other field empty or absent. */
    R failure(GssxStatus status);
}
