package dev.gssproxy4j.bench.fuzz;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Who may talk to the daemon: every call runs inside {@link #enterCall()}/{@link #exitCall()}, while handling a
 * death, a memory blow-up or a refinement runs {@link #exclusively}, after the calls in flight have ended and
 * before new ones start, so that it sees every call that was in flight and nothing else reaches the daemon it
 * restarts or replays to. Exclusive sections run one at a time, in the order they asked.
 */
final class Gate {

    private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
    private final Object exclusive = new Object();

    void enterCall() {
        calls.readLock().lock();
    }

    void exitCall() {
        calls.readLock().unlock();
    }

    /** Must not be called between {@link #enterCall()} and {@link #exitCall()}. */
    <T> T exclusively(Supplier<T> action) {
        synchronized (exclusive) {
            calls.writeLock().lock();
            try {
                return action.get();
            } finally {
                calls.writeLock().unlock();
            }
        }
    }
}
