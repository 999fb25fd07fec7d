package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.server.cache.LiveContexts;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.protocol.GssxCtx;
import java.util.Optional;

/**
 * A complete context as one per-message call uses it: live in the daemon's cache ({@link LiveContexts}), held
 * exclusively until {@link #close()}. The client's sealed copy is renewed every {@link #CALLS_PER_COPY} calls that
 * change the context's state, so a context the cache drops (eviction, daemon restart) continues from a copy at
 * most that many messages old: its sequence numbers repeat and its replay window forgets at most that many.
 */
final class PerMessageContext implements AutoCloseable {

    /**
     * State-changing calls between fresh copies. Exporting, importing (MIT makes a krb5 context and reads its
     * configuration for every import) and sealing cost more than the message itself (docs/BENCHMARKS.md, "Java
     * applications through the provider"). Every 32nd call keeps the renewal's share small and what a restart can
     * repeat inside MIT's 64-message replay window.
     */
    static final int CALLS_PER_COPY = 32;

    private final CallContext call;
    private final LiveContexts.Lease lease;
    private final LiveContexts.Key key;

    PerMessageContext(CallContext call, LiveContexts.Lease lease, LiveContexts.Key key) {
        this.call = call;
        this.lease = lease;
        this.key = key;
    }

    SecContext context() {
        return lease.context();
    }

    /**
     * After a call that moved the context's state on (WRAP, UNWRAP, GET_MIC, VERIFY): a fresh copy for the client
     * every {@link #CALLS_PER_COPY} calls, in the form {@link ContextTokens#copy} gives; empty otherwise, and the
     * client keeps the copy it has.
     */
    Optional<GssxCtx> copyIfDue(boolean sealedOnly) {
        if (lease.countCall() < CALLS_PER_COPY) {
            return Optional.empty();
        }
        ContextTokens.Copy copy;
        try {
            copy = ContextTokens.copy(call, lease.context(), lease.description(), lease.expiry(), sealedOnly);
        } catch (RuntimeException e) {
            lease.lost(key); // the export deleted the context
            throw e;
        }
        lease.refreshed(copy.context(), copy.description(), key, copy.sealed().key(), copy.sealed().sealed(),
                copy.sealed().expiry());
        return Optional.of(copy.handle());
    }

    @Override
    public void close() {
        lease.close();
    }
}
