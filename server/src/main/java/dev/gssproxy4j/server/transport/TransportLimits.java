package dev.gssproxy4j.server.transport;

import java.time.Duration;

/**
 * What one peer may hold of the connection layer, and how long the layer waits for it. The defaults keep upstream
 * gssproxy's behaviour where clients rely on it (idle connections stay open: the kernel keeps one for the life of
 * nfsd, the interposer one per process) and bound everything a hostile local user could pile up.
 *
 * @param maxRecord            largest request record (upstream's MAX_RPC_SIZE, 1 MiB)
 * @param maxConnections       open connections of all uids but root; root may open {@code reservedForRoot} more
 * @param maxConnectionsPerUid open connections of one uid other than root
 * @param reservedForRoot      connections only root (the kernel, root's services) may use beyond the global cap
 * @param workers              platform threads that serve connections with requests; idle ones hold none
 * @param callsPerConnection   calls of one connection that may run at once (a client that sends calls before
 *                             reading replies); the next ones wait unread until one ends
 * @param linger               how long a worker waits for a connection's next request before parking it
 * @param readDeadline         how long a begun record may take to arrive whole (slow senders are closed)
 * @param writeDeadline        how long a peer may take to read a reply
 * @param idleTimeout          how long a connection may stay without requests; zero keeps it open, as upstream
 * @param requestMemory        heap that request records of all connections may hold until answered
 * @param requestMemoryPerUid  the same for one uid other than root
 */
public record TransportLimits(int maxRecord, int maxConnections, int maxConnectionsPerUid, int reservedForRoot,
                              int workers, int callsPerConnection, Duration linger, Duration readDeadline,
                              Duration writeDeadline, Duration idleTimeout, long requestMemory,
                              long requestMemoryPerUid) {

    /**
     * How long a worker keeps a quiet connection before parking it: 20 ms, or {@code -Dgssproxy4j.linger-ms=N} (in
     * {@code GSSPROXY4J_JAVA_OPTS}). A lingering worker gives up at once when another connection needs a worker
     * ({@link ReadyQueue}), so the linger only decides how long a quiet client keeps its thread. A shorter linger
     * is missed by clients that compute between calls on a loaded machine, and each miss costs a park and two
     * thread hand-offs (docs/BENCHMARKS.md, "Linger").
     */
    static final long LINGER_MILLIS = Long.getLong("gssproxy4j.linger-ms", 20);

    public TransportLimits {
        if (maxRecord < 64 || maxConnections < 1 || maxConnectionsPerUid < 1 || reservedForRoot < 0 || workers < 1
                || callsPerConnection < 1) {
            throw new IllegalArgumentException("transport limits out of range: " + maxRecord + " bytes, "
                    + maxConnections + "/" + maxConnectionsPerUid + "/" + reservedForRoot + " connections, "
                    + workers + " workers, " + callsPerConnection + " calls per connection");
        }
    }

    /** Calls of one connection that run at once by default: upstream's default {@code worker threads}. */
    public static final int DEFAULT_CALLS_PER_CONNECTION = 5;

    /**
     * The daemon's defaults: 16,384 connections (1,024 per uid, 256 more for root), 64 workers, 5 calls at once per
     * connection, 20 ms linger (a busy client's next request arrives within it, so it keeps its thread),
     * 10 s to send a record or read a reply, no idle timeout, 32 MiB of request records (8 MiB per uid) of the
     * daemon's 256 MiB heap.
     */
    public static TransportLimits defaults(int maxRecord) {
        return new TransportLimits(maxRecord, 16_384, 1_024, 256, 64, DEFAULT_CALLS_PER_CONNECTION,
                Duration.ofMillis(LINGER_MILLIS), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ZERO,
                32L << 20, 8L << 20);
    }

    /** These limits with at most {@code total} connections, {@code perUid} per uid and {@code forRoot} more. */
    public TransportLimits withConnections(int total, int perUid, int forRoot) {
        return new TransportLimits(maxRecord, total, perUid, forRoot, workers, callsPerConnection, linger,
                readDeadline, writeDeadline, idleTimeout, requestMemory, requestMemoryPerUid);
    }

    /** These limits with {@code total} bytes of request records, {@code perUid} for one uid. */
    public TransportLimits withRequestMemory(long total, long perUid) {
        return new TransportLimits(maxRecord, maxConnections, maxConnectionsPerUid, reservedForRoot, workers,
                callsPerConnection, linger, readDeadline, writeDeadline, idleTimeout, total, perUid);
    }

    /** These limits with other deadlines. */
    public TransportLimits withDeadlines(Duration read, Duration write, Duration idle) {
        return new TransportLimits(maxRecord, maxConnections, maxConnectionsPerUid, reservedForRoot, workers,
                callsPerConnection, linger, read, write, idle, requestMemory, requestMemoryPerUid);
    }

    /** These limits with at most {@code calls} calls of one connection running at once. */
    public TransportLimits withCallsPerConnection(int calls) {
        return new TransportLimits(maxRecord, maxConnections, maxConnectionsPerUid, reservedForRoot, workers, calls,
                linger, readDeadline, writeDeadline, idleTimeout, requestMemory, requestMemoryPerUid);
    }

    /** These limits with {@code workers} worker threads, each keeping a quiet connection for {@code linger}. */
    public TransportLimits withWorkers(int workers, Duration linger) {
        return new TransportLimits(maxRecord, maxConnections, maxConnectionsPerUid, reservedForRoot, workers,
                callsPerConnection, linger, readDeadline, writeDeadline, idleTimeout, requestMemory,
                requestMemoryPerUid);
    }
}
