package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.fair.UidTurns;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connections with bytes to serve, waiting for a worker: one FIFO per uid, and uids served in turn, so that a uid
 * with many busy connections delays another uid's connection by at most one turn (not by its whole queue). A
 * connection is in the queue at most once (it is offered only when its {@link Pipeline} read role changes to
 * {@link Pipeline.Reader#QUEUED}, and leaves that role only when taken), so one uid's share is bounded by its
 * connection limit; a pipelining client's next call takes a turn like any other connection's. Thread-safe.
 */
final class ReadyQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final UidTurns<Connection> waiting = new UidTurns<>();
    private volatile int size;
    private boolean closed;

    void offer(Connection connection) {
        lock.lock();
        try {
            waiting.add(connection.uid(), connection);
            size = waiting.size();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next connection, the uids taking turns; null once closed. */
    Connection take() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.size() == 0 && !closed) {
                notEmpty.await();
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
