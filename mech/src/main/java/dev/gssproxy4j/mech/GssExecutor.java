package dev.gssproxy4j.mech;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of platform threads for GSS calls that can block: acquire, init, accept, store, anything that
 * talks to a KDC or locks a ccache, keytab or replay cache. A native call pins the carrier of a virtual thread
 * for its whole duration (measured: 8 virtual threads in a 200 ms native sleep took 805 ms on 2 carriers), so
 * virtual threads hand such calls to this pool and park in {@link #call(Callable)} instead, which does not pin.
 *
 * <p>The queue is bounded: when all threads are busy and the queue is full, {@link #call} fails at once with
 * {@link RejectedExecutionException} naming the limits, instead of queueing without bound.
 */
public final class GssExecutor implements AutoCloseable {

    private final String name;
    private final int threads;
    private final int queueCapacity;
    private final ThreadPoolExecutor pool;

    /**
     * @param name          thread name prefix, e.g. {@code gss}
     * @param threads       number of platform threads (> 0)
     * @param queueCapacity tasks that may wait when all threads are busy (>= 0)
     */
    public GssExecutor(String name, int threads, int queueCapacity) {
        if (threads <= 0 || queueCapacity < 0) {
            throw new IllegalArgumentException("GssExecutor needs threads > 0 and queueCapacity >= 0, got "
                    + threads + " and " + queueCapacity);
        }
        this.name = name;
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queueCapacity == 0 ? new SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(queueCapacity),
                r -> Thread.ofPlatform().daemon().name(name + "-" + counter.incrementAndGet()).unstarted(r));
    }

    /**
     * Runs {@code task} on a pool thread and waits for it. Exceptions of the task propagate unchanged if
     * unchecked; checked ones arrive wrapped in {@link CompletionException}. If the waiting thread is interrupted,
     * the task still finishes (a native call cannot be cancelled) and a result that is {@link AutoCloseable}
     * (a credential, a context, a name) is closed so that it does not leak.
     *
     * @throws RejectedExecutionException when all threads are busy and the queue is full, or after close
     * @throws InterruptedException       when the caller is interrupted while waiting
     */
    public <T> T call(Callable<T> task) throws InterruptedException {
        CompletableFuture<T> future = submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.thenAccept(GssExecutor::closeIfCloseable);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CompletionException(cause);
        }
    }

    /** Starts {@code task} on a pool thread; rejects at once, like {@link #call}, when the pool is saturated. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    future.complete(task.call());
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new RejectedExecutionException(pool.isShutdown() ? "GssExecutor '" + name + "' is closed"
                    : "GssExecutor '" + name + "' is saturated: all " + threads + " threads busy and " + queueCapacity
                    + " calls queued; retry later or configure more GSS threads or a longer queue", e);
        }
        return future;
    }

    /** Calls running or queued right now. */
    public int pending() {
        return pool.getActiveCount() + pool.getQueue().size();
    }

    /** Stops accepting calls and waits up to 10 seconds for running ones. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeIfCloseable(Object result) {
        if (result instanceof AutoCloseable c) {
            Handles.closeQuietly(c);
        }
    }
}
