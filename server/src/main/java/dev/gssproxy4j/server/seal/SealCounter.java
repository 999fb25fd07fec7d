package dev.gssproxy4j.server.seal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts seals per key id and says when a key has used its budget: exactly once when the count reaches
 * {@code budget}, then again every {@code retryEvery} seals in case the rotation it triggered failed. It keeps one
 * counter per key ever used in this process, which is one per rotation.
 */
final class SealCounter {

    private final long budget;
    private final long retryEvery;
    private final ConcurrentHashMap<Integer, AtomicLong> counts = new ConcurrentHashMap<>();

    SealCounter(long budget, long retryEvery) {
        this.budget = budget;
        this.retryEvery = retryEvery;
    }

    /** Counts one seal with {@code keyId}; true if the caller should rotate the keyring now. */
    boolean countAndCheck(int keyId) {
        long n = counts.computeIfAbsent(keyId, id -> new AtomicLong()).incrementAndGet();
        return n >= budget && (n - budget) % retryEvery == 0;
    }

    long count(int keyId) {
        AtomicLong n = counts.get(keyId);
        return n == null ? 0 : n.get();
    }
}
