package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.fair.UidTurns;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connections with bytes to serve, waiting for a worker: one FIFO per uid, and uids served in turn, so that a uid
 * with many busy connections delays another uid's connection by at most one turn (not by its whole queue). A
 * connection is in the queue at most once (it is offered only when its {@link Pipeline} read role changes to
 * {@link Pipeline.Reader#QUEUED}, and leaves that role only when taken), so one uid's share is bounded by its
 * connection limit; a pipelining client's next call takes a turn like any other connection's. Thread-safe.
 *
 * <p>A worker that lingers on its last connection's socket for the next request ({@link Worker#linger}) is woken
 * when a connection arrives here and no idle worker waits to take it, so lingering never delays another
 * connection: it only saves the hand-off for a client that keeps calling. One timer thread ends the lingers that
 * reach their end: it sleeps until the earliest, and for good while no worker lingers.
 */
final class ReadyQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final UidTurns<Connection> waiting = new UidTurns<>();
    private final ConcurrentLinkedDeque<Worker> lingering = new ConcurrentLinkedDeque<>();
    private volatile int size;
    private int idleTakers;
    private boolean closed;
    private volatile boolean stopped;
    /** True while the timer sleeps with no linger to end: the next worker to linger wakes it. */
    private volatile boolean timerIdle;
    private final Thread lingerTimer = Thread.ofPlatform().daemon().name("linger timer").start(this::endLingers);

    void offer(Connection connection) {
        lock.lock();
        try {
            waiting.add(connection.uid(), connection);
            size = waiting.size();
            if (idleTakers > 0) {
                notEmpty.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        Worker busy = lingering.poll(); // pairs with Worker.linger: it lists itself, then looks at hasWaiting
        if (busy != null) {
            busy.wakeUp();
        }
    }

    /** The next connection, the uids taking turns; null once closed. */
    Connection take() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.size() == 0 && !closed) {
                idleTakers++;
                try {
                    notEmpty.await();
                } finally {
                    idleTakers--;
                }
            }
            if (closed) {
                return null;
            }
            Connection next = waiting.next();
            size = waiting.size();
            return next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code worker} waits on a quiet socket until its {@link Worker#lingerEnd()} and can give it up when a
     * connection arrives here.
     */
    void lingering(Worker worker) {
        lingering.add(worker);
        if (timerIdle) { // pairs with endLingers: it marks itself idle, then looks at the list again
            LockSupport.unpark(lingerTimer);
        }
    }

    /** {@code worker} stopped lingering (whether woken or not). */
    void doneLingering(Worker worker) {
        lingering.remove(worker);
    }

    /** Whether a connection waits for a worker (a worker serving a busy connection then yields its turn). */
    boolean hasWaiting() {
        return size > 0;
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        stopped = true;
        LockSupport.unpark(lingerTimer);
    }

    /** The timer's loop: ends every linger that has reached its end, then sleeps until the next one's. */
    private void endLingers() {
        while (!stopped) {
            long now = System.nanoTime();
            long next = 0;
            for (Worker worker : lingering) {
                long end = worker.lingerEnd();
                if (end == 0) {
                    continue;
                }
                if (now - end >= 0) {
                    worker.endLinger(end);
                } else if (next == 0 || end - next < 0) {
                    next = end;
                }
            }
            if (next != 0) {
                LockSupport.parkNanos(this, next - now);
                continue;
            }
            timerIdle = true;
            if (!stopped && lingering.stream().allMatch(worker -> worker.lingerEnd() == 0)) {
                LockSupport.park(this); // a worker that lingers meanwhile saw timerIdle and unparks this
            }
            timerIdle = false;
        }
    }
}
