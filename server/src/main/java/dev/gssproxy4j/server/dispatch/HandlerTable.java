package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.call.CallContext;
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

    /** Runs {@code procedure}'s handler on {@code args}, which the procedure's decoder produced. */
    public GssxRes handle(Procedure procedure, GssxArg args, CallContext call) throws InterruptedException {
        return handle(handler(procedure), args, call);
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

    @SuppressWarnings("unchecked")
    private static <A extends GssxArg> GssxRes handle(ProcedureHandler<A, ?> handler, GssxArg args, CallContext call)
            throws InterruptedException {
        // The protocol's decoder for the procedure produced args, so they have the handler's argument type.
        return handler.handle((A) args, call);
    }

    /** Collects one handler per procedure. */
    public static final class Builder {

        private final Map<Procedure, ProcedureHandler<?, ?>> handlers = new EnumMap<>(Procedure.class);

        public <A extends GssxArg, R extends GssxRes> Builder put(Procedure procedure, ProcedureHandler<A, R> handler) {
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

        /** The table as it is, for tests that exercise only some procedures. */
        public HandlerTable partial() {
            return new HandlerTable(new EnumMap<>(handlers));
        }
    }
}
