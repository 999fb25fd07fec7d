package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.creds.KdcFixture;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;

/**
 * Runs one handler on a call as the dispatcher builds it: with the client environment the handler honours from
 * {@code args}, and closed when the handler has returned (which ends its credentials, e.g. keytab snapshots).
 */
final class DispatchedCall {

    private DispatchedCall() {}

    static <A extends GssxArg, R extends GssxRes> R run(ProcedureHandler<A, R> handler, A args, CallContext matched)
            throws InterruptedException {
        try (CallContext call = new CallContext(matched.caller(), matched.service(), matched.config(),
                matched.connectionId(), matched.resources(), handler.clientEnvironment(args))) {
            return KdcFixture.run(handler, args, call);
        }
    }
}
