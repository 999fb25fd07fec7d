package dev.gssproxy4j.server;

import dev.gssproxy4j.server.transport.Transport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * User mode's self-termination (upstream {@code gp_mgmt.c}, {@code --idle-timeout}): a socket-activated user
 * daemon stops once no request has come for the timeout, and systemd starts it again on the next connection.
 * Upstream restarts its timer whenever bytes arrive; here every request counts, at its start and its end, and a
 * request still running holds the daemon up (upstream could stop under a slow call).
 */
final class IdleTimeout implements AutoCloseable {

    private final Duration timeout;
    private final AtomicInteger running = new AtomicInteger();
    private volatile long lastActivity = System.nanoTime();
    private volatile Thread watcher;

    IdleTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("an idle timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code handler}, with each request counted as activity. */
    Transport.RecordHandler watching(Transport.RecordHandler handler) {
        return (request, origin) -> {
            running.incrementAndGet();
            lastActivity = System.nanoTime();
            try {
                return handler.handle(request, origin);
            } finally {
                lastActivity = System.nanoTime();
                running.decrementAndGet();
            }
        };
    }

    /** Starts the clock now; {@code onIdle} runs once, on its own thread, when the daemon has idled long enough. */
    synchronized void start(Runnable onIdle) {
        lastActivity = System.nanoTime();
        watcher = Thread.ofVirtual().name("idle timeout").start(() -> {
            try {
                awaitIdle();
                onIdle.run();
            } catch (InterruptedException e) {
                // closed: the daemon stops for another reason
            }
        });
    }

    private void awaitIdle() throws InterruptedException {
        long remaining;
        while ((remaining = remainingNanos(System.nanoTime())) > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining); // until the earliest moment the daemon can have idled enough
        }
    }

    /** How long, at {@code now} ({@link System#nanoTime}), the daemon must still idle; 0 or less: long enough. */
    long remainingNanos(long now) {
        return running.get() > 0 ? timeout.toNanos() : lastActivity + timeout.toNanos() - now;
    }

    @Override
    public synchronized void close() {
        Thread w = watcher;
        if (w != null && w != Thread.currentThread()) {
            w.interrupt();
        }
    }
}
