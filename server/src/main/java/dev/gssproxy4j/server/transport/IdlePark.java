package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where connections wait for their next request without a thread: one selector watches them all, and a connection
 * with bytes to read goes to the {@link ReadyQueue}. Once a second it closes connections whose begun record is
 * overdue (a peer sending a byte now and then) or, with an idle timeout, that have been idle too long. All key
 * operations happen on the park's own thread.
 */
final class IdlePark implements AutoCloseable {

    private static final long SWEEP_MILLIS = 1000;

    private final Selector selector;
    private final ReadyQueue ready;
    private final TransportLimits limits;
    private final Worker.ConnectionCloser closer;
    private final ConcurrentLinkedQueue<Connection> arriving = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    IdlePark(ReadyQueue ready, TransportLimits limits, Worker.ConnectionCloser closer) throws IOException {
        this.selector = Selector.open();
        this.ready = ready;
        this.limits = limits;
        this.closer = closer;
        this.thread = Thread.ofPlatform().daemon().name("idle connections").start(this::run);
    }

    /** Watches {@code connection} until it has bytes to read. */
    void park(Connection connection) {
        arriving.add(connection);
        selector.wakeup();
    }

    private void run() {
        long nextSweep = System.nanoTime();
        try {
            while (open) {
                selector.select(SWEEP_MILLIS);
                registerArrivals();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        key.interestOps(0);
                        ready.offer((Connection) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + SWEEP_MILLIS * 1_000_000;
                }
            }
        } catch (IOException e) {
            DaemonLog.error("the idle-connection selector failed: " + e.getMessage());
        } catch (RuntimeException e) {
            if (open) {
                DaemonLog.error("the idle-connection selector failed: " + e.getClass().getName());
            }
        }
    }

    private void registerArrivals() {
        Connection connection;
        while ((connection = arriving.poll()) != null) {
            try {
                if (connection.parkKey == null) {
                    connection.parkKey = connection.channel().register(selector, SelectionKey.OP_READ, connection);
                } else {
                    connection.parkKey.interestOps(SelectionKey.OP_READ);
                }
            } catch (ClosedChannelException | CancelledKeyException e) {
                closer.close(connection);
            }
        }
    }

    /** Closes parked connections that are overdue; the others are left alone. */
    private void sweep(long now) {
        List<Connection> overdue = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            Connection connection = (Connection) key.attachment();
            try {
                if (key.isValid() && key.interestOps() != 0) {
                    String why = connection.overdue(now, limits);
                    if (why != null) {
                        DaemonLog.debug(1, connection.id(), "closing connection: " + why);
                        overdue.add(connection);
                    }
                }
            } catch (CancelledKeyException e) {
                // closed meanwhile
            }
        }
        overdue.forEach(closer::close);
    }

    @Override
    public void close() throws IOException {
        open = false;
        selector.wakeup();
        try {
            thread.join(SWEEP_MILLIS * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
    }
}
