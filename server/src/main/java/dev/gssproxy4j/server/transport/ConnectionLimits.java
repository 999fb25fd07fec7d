package dev.gssproxy4j.server.transport;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections per uid and in all, so that one local user cannot take every connection: a uid other
 * than root may hold {@link TransportLimits#maxConnectionsPerUid()}, all of them together
 * {@link TransportLimits#maxConnections()}, and root (the kernel's upcall, root's services) may go
 * {@link TransportLimits#reservedForRoot()} beyond that. Thread-safe.
 */
final class ConnectionLimits {

    private static final int ROOT = 0;

    private final TransportLimits limits;
    private final Map<Integer, Integer> perUid = new HashMap<>();
    private int total;

    ConnectionLimits(TransportLimits limits) {
        this.limits = limits;
    }

    /** Takes a connection slot for {@code uid}; the reason if there is none. */
    synchronized String admit(int uid) {
        int mine = perUid.getOrDefault(uid, 0);
        if (uid != ROOT) {
            if (mine >= limits.maxConnectionsPerUid()) {
                return "uid " + Integer.toUnsignedString(uid) + " already holds " + mine + " connections (the"
                        + " per-uid limit)";
            }
            if (total >= limits.maxConnections()) {
                return total + " connections are open (the limit; " + limits.reservedForRoot()
                        + " more are kept for root)";
            }
        } else if (total >= limits.maxConnections() + limits.reservedForRoot()) {
            return total + " connections are open, root's reserve included";
        }
        perUid.put(uid, mine + 1);
        total++;
        return null;
    }

    /** Connections open now, of every uid. */
    synchronized int total() {
        return total;
    }

    /** Gives back a slot {@link #admit} took for {@code uid}. */
    synchronized void release(int uid) {
        int mine = perUid.getOrDefault(uid, 0);
        if (mine <= 1) {
            perUid.remove(uid);
        } else {
            perUid.put(uid, mine - 1);
        }
        total--;
    }
}
