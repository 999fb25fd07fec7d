package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.log.DaemonLog;
import java.util.EnumMap;
import java.util.Map;

/**
 * The procedure-to-handler table (upstream's {@code gp_xdr_set}). Built once; {@link #complete()} refuses a table
 * with a procedure missing, so a new procedure cannot be forgotten.
 */
public final class HandlerTable {

    private final Map<Procedure, ProcedureHandler<?, ?>> handlers;

    private HandlerTable(Map<Procedure, ProcedureHandler<?, ?>> handlers) {
        this.handlers = handlers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code procedure}'s handler on {@code args}, which the procedure's decoder produced, as {@link #answer}. */
    public GssxRes handle(Procedure procedure, GssxArg args, CallContext call) throws InterruptedException {
        return handle(handler(procedure), args, call);
    }

    /** The {@code call_ctx} whose client environment {@code procedure}'s handler honours for {@code args}. */
    public CallCtx clientEnvironment(Procedure procedure, GssxArg args) {
        return clientEnvironment(handler(procedure), args);
    }

    /** The result of {@code procedure} for an error its handler (or the dispatcher) threw: {@link Statuses#failure}. */
    public GssxRes failure(Procedure procedure, GssException error, Gss gss) {
        return Statuses.failure(handler(procedure), error, gss);
    }

    /** A result of {@code procedure} that carries only {@code status}. */
    public GssxRes failure(Procedure procedure, GssxStatus status) {
        return handler(procedure).failure(status);
    }

    private ProcedureHandler<?, ?> handler(Procedure procedure) {
        ProcedureHandler<?, ?> handler = handlers.get(procedure);
        if (handler == null) {
            throw new IllegalStateException("no handler for " + procedure);
        }
        return handler;
    }

    private static Procedure procedureOf(Class<? extends GssxArg> argType) {
        for (Procedure procedure : Procedure.values()) {
            if (procedure.argType() == argType) {
                return procedure;
            }
        }
        throw new IllegalArgumentException(argType.getName() + " is the argument type of no procedure");
    }

    @SuppressWarnings("unchecked")
    private static <A extends GssxArg> GssxRes handle(ProcedureHandler<A, ?> handler, GssxArg args, CallContext call)
            throws InterruptedException {
        // The protocol's decoder for the procedure produced args, so they have the handler's argument type.
        return answer(handler, (A) args, call);
    }

    /**
     * Runs {@code handler} on {@code args} as the daemon runs every call: the one place where a thrown
     * {@link GssException} becomes the procedure's {@link ProcedureHandler#failure} result carrying that status.
     * Tests that call a single handler go through here too, so they see what a client would.
     */
    public static <A extends GssxArg, R extends GssxRes> R answer(ProcedureHandler<A, R> handler, A args,
                                                                  CallContext call) throws InterruptedException {
        try {
            return handler.handle(args, call);
        } catch (GssException e) {
            DaemonLog.debug(1, call.connectionId(), "GSSX_" + procedureOf(args.getClass()) + " failed: " + e.status());
            return Statuses.failure(handler, e, call.resources().gss());
        }
    }

    @SuppressWarnings("unchecked")
    private static <A extends GssxArg> CallCtx clientEnvironment(ProcedureHandler<A, ?> handler, GssxArg args) {
        return handler.clientEnvironment((A) args); // args come from the procedure's decoder, as in handle
    }

    /** Collects one handler per procedure. */
    public static final class Builder {

        private final Map<Procedure, ProcedureHandler<?, ?>> handlers = new EnumMap<>(Procedure.class);

        /**
         * Registers {@code handler} for the procedure whose arguments are {@code argType}: the compiler pairs the
         * handler with its argument type, and the argument type names exactly one procedure.
         */
        public <A extends GssxArg, R extends GssxRes> Builder put(Class<A> argType, ProcedureHandler<A, R> handler) {
            Procedure procedure = procedureOf(argType);
            if (handlers.putIfAbsent(procedure, handler) != null) {
                throw new IllegalStateException("two handlers for " + procedure);
            }
            return this;
        }

        /** The table, refusing one that leaves a procedure without a handler. */
        public HandlerTable complete() {
            for (Procedure procedure : Procedure.values()) {
                if (!handlers.containsKey(procedure)) {
                    throw new IllegalStateException("no handler for " + procedure);
                }
            }
            return new HandlerTable(new EnumMap<>(handlers));
        }
    }
}
