package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.dispatch.Statuses;

/**
 * Runs one handler on a call as the dispatcher does: with the client environment the handler honours from
 * {@code args}, closed when the handler has returned (which ends its credentials, e.g. keytab snapshots), and a
 * thrown error turned into the procedure's result by the dispatcher's own mapping ({@link Statuses#failure}).
 */
final class DispatchedCall {

    private DispatchedCall() {}

    static <A extends GssxArg, R extends GssxRes> R run(ProcedureHandler<A, R> handler, A args, CallContext matched)
            throws InterruptedException {
        try (CallContext call = new CallContext(matched.caller(), matched.service(), matched.config(),
                matched.connectionId(), matched.resources(), handler.clientEnvironment(args))) {
            return handler.handle(args, call);
        } catch (GssException e) {
            return Statuses.failure(handler, e, matched.resources().gss());
        }
    }
}
