package dev.gssproxy4j.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Deadlines for socket I/O: when one expires, its action (closing the channel) runs on a shared timer thread and
 * the waiting read or write fails with {@link java.nio.channels.AsynchronousCloseException}. The wait
 * ({@link SelectedChannel}) parks a virtual thread instead of pinning its carrier, so calls stay cheap on virtual
 * threads, and nothing polls: the timer thread sleeps until the earliest deadline, or for good while none is armed.
 *
 * <p>Arming and disarming touch only a concurrent set, never the timer thread: calls end long before their
 * deadline, and a scheduled-executor task per call woke the timer thread whenever it became the earliest (every
 * call of a client that calls one at a time). The timer is woken only when a deadline earlier than the one it
 * sleeps for is armed, or the first one after it went idle.
 */
final class Watchdog {

    /** The longest deadline kept as asked; a quarter of the nanosecond clock's range, so sums cannot wrap. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE / 4);
    /** {@link #expireDue} found nothing armed. */
    private static final long NONE = Long.MIN_VALUE;
    private static final Set<Deadline> ARMED = ConcurrentHashMap.newKeySet();
    /** True while the timer sleeps with nothing armed: {@link #arm} must wake it. */
    private static volatile boolean idle;
    /** The {@link System#nanoTime()} the timer sleeps until while it is not idle. */
    private static volatile long wakeAt;
    private static final Thread TIMER = Thread.ofPlatform().name("gssproxy4j-client-watchdog").daemon(true)
            .start(Watchdog::run);

    private Watchdog() {}

    /** Runs {@code onExpiry} after {@code timeout} unless the returned deadline is disarmed first. */
    static Deadline arm(Duration timeout, Runnable onExpiry) {
        Deadline deadline = new Deadline(onExpiry, System.nanoTime() + boundedNanos(timeout));
        ARMED.add(deadline);
        // pairs with the timer's write of idle/wakeAt before it re-checks ARMED (both volatile)
        if (idle || deadline.due - wakeAt < 0) {
            LockSupport.unpark(TIMER);
        }
        return deadline;
    }

    /**
     * {@code timeout} in nanoseconds, at most about 73 years: a longer one (a caller's "never") would overflow
     * {@code nanoTime() + timeout} and expire at once.
     */
    static long boundedNanos(Duration timeout) {
        return timeout.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : timeout.toNanos();
    }

    private static void run() {
        while (true) {
            long earliest = expireDue();
            if (earliest == NONE) {
                idle = true;
                if (ARMED.isEmpty()) {
                    LockSupport.park(Watchdog.class);
                }
                idle = false;
                continue;
            }
            wakeAt = earliest;
            if (earliestArmed() - earliest < 0) {
                continue; // armed between the scan and wakeAt: it may be earlier than what we would sleep for
            }
            LockSupport.parkNanos(Watchdog.class, earliest - System.nanoTime());
        }
    }

    /** Runs the actions of deadlines that are due; returns the earliest remaining due time, or {@link #NONE}. */
    private static long expireDue() {
        long now = System.nanoTime();
        long earliest = NONE;
        for (Deadline deadline : ARMED) {
            if (deadline.due - now <= 0) {
                ARMED.remove(deadline);
                try {
                    deadline.expire();
                } catch (RuntimeException e) {
                    // an action that failed must not stop the timer: the other deadlines still need it
                }
            } else if (earliest == NONE || deadline.due - earliest < 0) {
                earliest = deadline.due;
            }
        }
        return earliest;
    }

    private static long earliestArmed() {
        long earliest = Long.MAX_VALUE;
        boolean any = false;
        for (Deadline deadline : ARMED) {
            if (!any || deadline.due - earliest < 0) {
                earliest = deadline.due;
                any = true;
            }
        }
        return any ? earliest : wakeAt;
    }

    /** One armed deadline. Exactly one of {@link #disarm} and expiry wins. */
    static final class Deadline {
        private static final int ARMED_STATE = 0;
        private static final int DISARMED = 1;
        private static final int EXPIRED = 2;

        private final Runnable onExpiry;
        private final long due;
        private final AtomicInteger state = new AtomicInteger(ARMED_STATE);

        private Deadline(Runnable onExpiry, long due) {
            this.onExpiry = onExpiry;
            this.due = due;
        }

        private void expire() {
            if (state.compareAndSet(ARMED_STATE, EXPIRED)) {
                onExpiry.run();
            }
        }

        /** Cancels the deadline; false if it had already expired (its action has run or is running). */
        boolean disarm() {
            if (state.compareAndSet(ARMED_STATE, DISARMED)) {
                Watchdog.ARMED.remove(this);
                return true;
            }
            return state.get() == DISARMED;
        }

        boolean expired() {
            return state.get() == EXPIRED;
        }
    }
}
