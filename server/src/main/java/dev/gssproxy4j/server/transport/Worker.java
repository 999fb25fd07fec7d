package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A platform thread that serves connections with requests, taken from the {@link ReadyQueue}. It reads a
 * connection's records while it holds the connection's read role, runs a request's GSS calls itself (see
 * {@code GssCalls}: one permit per request, no hand-off), writes that request's reply, and waits briefly for a busy
 * connection's next request on its own selector ({@link #linger}), so a client that keeps calling keeps its worker;
 * a connection that goes quiet is parked and costs no thread. When a client sends its next request before the reply
 * to the last (pipelining), another worker reads and runs it meanwhile ({@link Pipeline}). A worker's buffer and
 * selector are its own: no other thread touches them.
 */
final class Worker implements Runnable {

    /** Holds a whole typical request (ACCEPT_SEC_CONTEXT with a PAC-carrying AP-REQ is 1.3-3 kB) in one read. */
    static final int BUFFER_BYTES = 8192;

    private static final VarHandle LINGER_END;

    static {
        try {
            LINGER_END = MethodHandles.lookup().findVarHandle(Worker.class, "lingerEnd", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReadyQueue ready;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final Selector selector;
    /** See {@link #lingerEnd()}; written by this worker, cleared by it or by the ready queue's timer. */
    private volatile long lingerEnd;

    Worker(ReadyQueue ready) throws IOException {
        this.ready = ready;
        this.selector = Selector.open();
    }

    /** Closes a connection and gives back its slot. */
    @FunctionalInterface
    interface ConnectionCloser {
        void close(Connection connection);
    }

    ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public void run() {
        try (selector) {
            Connection connection;
            while ((connection = ready.take()) != null) {
                try {
                    connection.serve(this);
                } catch (RuntimeException e) {
                    // a defect of ours (serve handles the rest): keep the worker, the pool must not shrink
                    DaemonLog.errorFrom(connection.uid(), "connection failed", connection.id(), "connection failed"
                            + " inside gssproxy4j: " + e.getClass().getName());
                } finally {
                    release(connection);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | ClosedSelectorException e) {
            DaemonLog.error("connection worker stopped: " + e.getMessage());
        }
    }

    /**
     * Waits up to {@code timeout} until {@code channel} is ready for {@code ops} ({@link SelectionKey#OP_READ} or
     * {@link SelectionKey#OP_WRITE}).
     *
     * @throws ClosedChannelException if another thread closed the channel (e.g. another call's Drop)
     */
    boolean await(SocketChannel channel, int ops, Duration timeout) throws IOException {
        return await(channel, ops, Math.max(1, timeout.toMillis()));
    }

    /** As {@link #await(SocketChannel, int, Duration)}; {@code millis} 0 waits until ready or {@link #wakeUp}. */
    private boolean await(SocketChannel channel, int ops, long millis) throws IOException {
        try {
            SelectionKey key = channel.keyFor(selector);
            if (key == null) {
                channel.register(selector, ops);
            } else {
                key.interestOps(ops);
            }
        } catch (CancelledKeyException e) { // closed since this selector last saw it
            throw new ClosedChannelException();
        }
        boolean ready = selector.select(millis) > 0;
        selector.selectedKeys().clear();
        return ready;
    }

    /**
     * Waits up to {@code linger} for the next request on {@code channel}, the connection this worker just served:
     * false if none came, or if a connection arrived in the ready queue meanwhile and no idle worker could take it
     * (the queue wakes a lingering worker rather than let the connection wait). The wait itself has no timeout: the
     * ready queue's one timer ends lingers that reach their end ({@link #endLinger}), so that a call does not arm
     * and cancel a kernel timer of its own (0.8 µs per call on a VM, docs/BENCHMARKS.md).
     */
    boolean linger(SocketChannel channel, Duration linger) throws IOException {
        lingerEnd = System.nanoTime() + linger.toNanos() | 1; // never 0, which means "not lingering"
        ready.lingering(this);
        try {
            return !ready.hasWaiting() && await(channel, SelectionKey.OP_READ, 0);
        } finally {
            lingerEnd = 0;
            ready.doneLingering(this);
        }
    }

    /** When the current {@link #linger} ends ({@link System#nanoTime()}), or 0 if the worker is not lingering. */
    long lingerEnd() {
        return lingerEnd;
    }

    /**
     * Ends the linger that was to end at {@code end}, unless it is over already or a later one has begun (whose end
     * differs): the timer never cuts a later linger short.
     */
    void endLinger(long end) {
        if (LINGER_END.compareAndSet(this, end, 0L)) {
            wakeUp();
        }
    }

    /** Ends a {@link #linger} early. */
    void wakeUp() {
        selector.wakeup();
    }

    /** Drops the connection's registration with this worker's selector: the worker is done with it. */
    private void release(Connection connection) {
        SelectionKey key = connection.channel().keyFor(selector);
        if (key != null) {
            key.cancel();
            try {
                selector.selectNow(); // completes the cancellation
                selector.selectedKeys().clear();
            } catch (IOException e) {
                DaemonLog.debug(1, connection.id(), "worker selector: " + e.getMessage());
            }
        }
    }
}
