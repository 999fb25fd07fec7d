package dev.gssproxy4j.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deadlines for blocking socket I/O: when one expires, its action (closing the channel) runs on a shared timer
 * thread and the blocked read or write fails with {@link java.nio.channels.AsynchronousCloseException}. Blocking
 * {@code SocketChannel} I/O parks a virtual thread instead of pinning its carrier, so calls stay cheap on virtual
 * threads, and nothing polls: the timer thread sleeps until the earliest deadline.
 */
final class Watchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Watchdog() {}

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("gssproxy4j-client-watchdog").daemon(true).factory());
        // Calls usually finish long before their deadline: drop cancelled tasks at once instead of at expiry.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code onExpiry} after {@code timeout} unless the returned deadline is disarmed first. */
    static Deadline arm(Duration timeout, Runnable onExpiry) {
        Deadline deadline = new Deadline(onExpiry);
        deadline.future = TIMER.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    /** One armed deadline. Exactly one of {@link #disarm} and expiry wins. */
    static final class Deadline {
        private static final int ARMED = 0;
        private static final int DISARMED = 1;
        private static final int EXPIRED = 2;

        private final Runnable onExpiry;
        private final AtomicInteger state = new AtomicInteger(ARMED);
        private volatile ScheduledFuture<?> future;

        private Deadline(Runnable onExpiry) {
            this.onExpiry = onExpiry;
        }

        private void expire() {
            if (state.compareAndSet(ARMED, EXPIRED)) {
                onExpiry.run();
            }
        }

        /** Cancels the deadline; false if it had already expired (its action has run or is running). */
        boolean disarm() {
            if (state.compareAndSet(ARMED, DISARMED)) {
                ScheduledFuture<?> scheduled = future;
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
                return true;
            }
            return state.get() == DISARMED;
        }

        boolean expired() {
            return state.get() == EXPIRED;
        }
    }
}
