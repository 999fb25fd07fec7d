package dev.gssproxy4j.server.fair;

import java.util.concurrent.RejectedExecutionException;

/**
 * How many requests do GSS work at once: the dispatcher runs each request (decoded, matched to a service) under one
 * of {@code permits} fair permits, on the worker thread that read it, from its first GSS call to its reply — as
 * upstream runs one request on one of its {@code worker threads}. Handlers call the mechanism directly; nothing else
 * decides where a GSS call runs. Running the call on the reading thread, rather than handing it to a pool, saves two
 * wake-ups per call (measured as 10-30% more accepts per second and about half the p99 latency, bench/run loadgen,
 * 4 clients, 2 cores).
 *
 * <p>Permits go to waiting requests in arrival order: with more connections than permits, a caller that just
 * finished must not take the permit again ahead of those waiting (measured with 64 clients: p99 36 ms with barging,
 * against a p50 of 2 ms). They are shared fairly between uids ({@link FairPermits}): waiting requests are served by
 * uid in turn, privileged callers keep {@value #RESERVED_PERMITS} reserved permit, and when {@code queueCapacity}
 * requests of one uid already wait, its next one fails at once with {@link RejectedExecutionException}.
 */
public final class GssCalls {

    /** Permits beyond {@code permits} that only privileged callers use when the others are taken. */
    static final int RESERVED_PERMITS = 1;

    private final FairPermits permits;

    /**
     * Whose turn a request takes: the caller's uid, and whether it is privileged (root, or a {@code trusted} service
     * such as the kernel's NFS upcall), which may use the reserved permit.
     */
    public record Share(int uid, boolean privileged) {}

    /** A request's handling: the only checked exception a handler throws is the one of a stopping daemon. */
    @FunctionalInterface
    public interface Request<T> {
        T run() throws InterruptedException;
    }

    /**
     * @param permits       requests that may run at once (> 0): the daemon's {@code worker threads} setting
     * @param queueCapacity requests of one uid that may wait for a permit before its requests are refused (>= 0)
     */
    public GssCalls(int permits, int queueCapacity) {
        if (permits <= 0 || queueCapacity < 0) {
            throw new IllegalArgumentException("GssCalls needs permits > 0 and queueCapacity >= 0, got " + permits
                    + " and " + queueCapacity);
        }
        this.permits = new FairPermits(permits, RESERVED_PERMITS, queueCapacity);
    }

    /**
     * Runs {@code request} (a whole request's handling) on this thread once {@code share} holds a permit, and returns
     * its result; its exceptions propagate unchanged.
     *
     * @throws RejectedExecutionException when too many requests of the share's uid wait already
     * @throws InterruptedException       when the caller is interrupted while waiting
     */
    public <T> T runRequest(Share share, Request<T> request) throws InterruptedException {
        boolean fromReserve = permits.acquire(share.uid(), share.privileged());
        try {
            return request.run();
        } finally {
            permits.release(fromReserve);
        }
    }

    /** Threads waiting for a permit right now. */
    int waiting() {
        return permits.waiting();
    }
}
