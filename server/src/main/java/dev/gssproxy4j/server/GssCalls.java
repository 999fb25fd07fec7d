package dev.gssproxy4j.server;

import dev.gssproxy4j.mech.GssExecutor;
import dev.gssproxy4j.server.fair.FairPermits;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where GSS calls that may block (acquire, init, accept, import of credentials, anything touching a KDC, keytab,
 * ccache or replay cache) run, with at most {@code permits} of them at once:
 * <ul>
 *   <li>on a platform thread (the daemon serves each connection on one) the call runs on the caller's own thread,
 *       once it holds a permit. Nothing is pinned and no thread is woken: handing the call to another thread and
 *       back costs two wake-ups per call, which measured as 10-30% fewer accepts per second and about twice the
 *       p99 latency (bench/run loadgen, 4 clients, 2 cores);</li>
 *   <li>on a virtual thread the call goes to the {@link GssExecutor}, because native code would pin the virtual
 *       thread's carrier for the whole call (a KDC round trip can take seconds).</li>
 * </ul>
 * Permits go to waiting callers in arrival order, as the executor's queue serves calls: with more connections than
 * permits, a caller that just finished must not take the permit again ahead of those waiting (measured with 64
 * clients: p99 36 ms with barging, against a p50 of 2 ms). A call made inside another (e.g. sealing a delegated
 * credential during an accept) runs directly, so it neither needs a second permit nor can deadlock waiting for one.
 * Permits are shared fairly between uids ({@link FairPermits}): waiting calls are served by uid in turn, privileged
 * callers keep {@value #RESERVED_PERMITS} reserved permit, and when {@code queueCapacity} calls of one uid already
 * wait, its next call fails at once with {@link RejectedExecutionException}, as the executor does when saturated.
 */
public final class GssCalls {

    private static final ScopedValue<Boolean> INSIDE = ScopedValue.newInstance();
    /** Who the calls of the current request are for; bound by the dispatcher around each request. */
    private static final ScopedValue<Share> SHARE = ScopedValue.newInstance();
    /** Calls made outside any request (start-up, tests): a share of their own. */
    private static final Share UNATTRIBUTED = new Share(-1, false);
    /** Permits beyond {@code permits} that only privileged callers use when the others are taken. */
    static final int RESERVED_PERMITS = 1;

    private final GssExecutor executor;
    private final FairPermits permits;

    /**
     * Whose turn a call takes: the caller's uid, and whether it is privileged (root, or a {@code trusted} service
     * such as the kernel's NFS upcall), which may use the reserved permit.
     */
    public record Share(int uid, boolean privileged) {}

    /**
     * @param executor      runs the calls of virtual threads
     * @param permits       calls that may run at once on platform threads (> 0); the daemon uses its
     *                      {@code worker threads} setting, as for the executor
     * @param queueCapacity calls of one uid that may wait for a permit before its calls are refused (>= 0)
     */
    public GssCalls(GssExecutor executor, int permits, int queueCapacity) {
        if (permits <= 0 || queueCapacity < 0) {
            throw new IllegalArgumentException("GssCalls needs permits > 0 and queueCapacity >= 0, got " + permits
                    + " and " + queueCapacity);
        }
        this.executor = executor;
        this.permits = new FairPermits(permits, RESERVED_PERMITS, queueCapacity);
    }

    /**
     * Runs {@code task} and returns its result. Unchecked exceptions of the task propagate unchanged; checked ones
     * arrive wrapped in {@link CompletionException}, as from {@link GssExecutor#call}.
     *
     * @throws RejectedExecutionException when too many calls wait already
     * @throws InterruptedException       when the caller is interrupted while waiting
     */
    public <T> T call(Callable<T> task) throws InterruptedException {
        if (INSIDE.isBound()) {
            return run(task);
        }
        if (Thread.currentThread().isVirtual()) {
            return executor.call(() -> ScopedValue.where(INSIDE, true).call(task::call));
        }
        Share share = SHARE.isBound() ? SHARE.get() : UNATTRIBUTED;
        boolean fromReserve = permits.acquire(share.uid(), share.privileged());
        try {
            return ScopedValue.where(INSIDE, true).call(task::call);
        } catch (RuntimeException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        } finally {
            permits.release(fromReserve);
        }
    }

    /**
     * Runs {@code request} (a whole request's handling) with its GSS calls counted against {@code share}.
     */
    public static <T, X extends Throwable> T forShare(Share share, ScopedValue.CallableOp<T, X> request) throws X {
        return ScopedValue.where(SHARE, share).call(request);
    }

    /** Platform threads waiting for a permit right now. */
    int waiting() {
        return permits.waiting();
    }

    private static <T> T run(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
