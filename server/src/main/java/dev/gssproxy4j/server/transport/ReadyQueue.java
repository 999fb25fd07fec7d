package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.fair.UidTurns;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.Condition;
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
 * connection: it only saves the hand-off for a client that keeps calling.
 */
final class ReadyQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final UidTurns<Connection> waiting = new UidTurns<>();
    private final ConcurrentLinkedDeque<Worker> lingering = new ConcurrentLinkedDeque<>();
    private volatile int size;
    private int idleTakers;
    private boolean closed;

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

    /** {@code worker} waits on a quiet socket and can give it up when a connection arrives here. */
    void lingering(Worker worker) {
        lingering.add(worker);
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
    }
}
