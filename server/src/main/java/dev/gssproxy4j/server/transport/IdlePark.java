package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where connections wait for their next request without a thread: one selector watches them all, and a connection
 * with bytes to read goes to the {@link ReadyQueue}. Once a second it closes connections whose begun record is
 * overdue (a peer sending a byte now and then) or, with an idle timeout, that have been idle too long.
 *
 * <p>It also reads ahead for pipelining clients: a connection whose call has run {@value #WATCH_AFTER_MILLIS} ms with
 * nobody reading it ({@link Pipeline.Reader#NOBODY}) is watched like a parked one, so a next call that comes
 * meanwhile is read and run by another worker instead of waiting behind a slow one (a KDC that does not answer).
 * Only calls that last are watched: a quick call costs no selector update and no wake-up of this thread, so a client
 * that calls one at a time pays nothing for it. While such connections exist the park looks at them every
 * {@value #WATCH_AFTER_MILLIS} ms; otherwise it sleeps up to a second and a worker wakes it when the first one comes.
 *
 * <p>Every selector and key operation happens on the park's own thread; workers only add to its queues (and wake
 * it). A connection's read role changes only through its {@link Pipeline}, so a wake-up that finds the role taken
 * meanwhile (a worker whose call ended took it back) does nothing but clear the key's interest.
 */
final class IdlePark implements AutoCloseable {

    private static final long SWEEP_MILLIS = 1000;
    /** How long a call runs with nobody reading its connection before the park watches the connection. */
    static final long WATCH_AFTER_MILLIS = 5;
    private static final long WATCH_AFTER_NANOS = WATCH_AFTER_MILLIS * 1_000_000;

    private final Selector selector;
    private final ReadyQueue ready;
    private final Worker.ConnectionCloser closer;
    private final ConcurrentLinkedQueue<Connection> arriving = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Connection> toWatch = new ConcurrentLinkedQueue<>();
    /** Connections whose calls run with nobody reading them; the park's thread only. */
    private final List<Connection> watching = new ArrayList<>();
    /** True while the park may sleep up to a second: {@link #watch} must wake it. */
    private volatile boolean sleepingLong;
    private final Thread thread;
    private volatile boolean open = true;

    IdlePark(ReadyQueue ready, Worker.ConnectionCloser closer) throws IOException {
        this.selector = Selector.open();
        this.ready = ready;
        this.closer = closer;
        this.thread = Thread.ofPlatform().daemon().name("idle connections").start(this::run);
    }

    /** Watches {@code connection}, whose read role is now {@link Pipeline.Reader#PARKED}, until it has bytes. */
    void park(Connection connection) {
        arriving.add(connection);
        selector.wakeup();
    }

    /** Watches {@code connection} once its call has run {@value #WATCH_AFTER_MILLIS} ms with nobody reading it. */
    void watch(Connection connection) {
        toWatch.add(connection);
        // pairs with nextWait: either the park sees the connection before it sleeps long, or this sees it sleeping
        if (sleepingLong) {
            selector.wakeup();
        }
    }

    private void run() {
        long nextSweep = System.nanoTime() + SWEEP_MILLIS * 1_000_000;
        try {
            while (open) {
                selector.select(nextWait(nextSweep));
                sleepingLong = false;
                registerArrivals();
                wakeReadable();
                long now = System.nanoTime();
                checkWatched(now);
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

    /** Milliseconds to wait: until the sweep, or the next look at watched connections if there are any. */
    private long nextWait(long nextSweep) {
        long untilSweep = Math.max(1, (nextSweep - System.nanoTime()) / 1_000_000);
        takeWatches();
        if (watching.isEmpty()) {
            sleepingLong = true;
            takeWatches(); // one that came just before sleepingLong was set, which watch() did not wake us for
        }
        if (watching.isEmpty()) {
            return untilSweep;
        }
        sleepingLong = false;
        return Math.min(untilSweep, WATCH_AFTER_MILLIS);
    }

    private void takeWatches() {
        Connection connection;
        while ((connection = toWatch.poll()) != null) {
            watching.add(connection);
        }
    }

    private void registerArrivals() {
        Connection connection;
        while ((connection = arriving.poll()) != null) {
            watchSocket(connection);
        }
    }

    /** Connections with bytes go to the ready queue, if the park still holds their read role. */
    private void wakeReadable() {
        for (SelectionKey key : selector.selectedKeys()) {
            if (key.isValid()) {
                key.interestOps(0);
                Connection connection = (Connection) key.attachment();
                if (connection.pipeline().wakeFromPark()) {
                    ready.offer(connection);
                }
            }
        }
        selector.selectedKeys().clear();
    }

    /** Starts watching the sockets of watched connections whose call has run long enough. */
    private void checkWatched(long now) {
        Iterator<Connection> it = watching.iterator();
        while (it.hasNext()) {
            Connection connection = it.next();
            switch (connection.pipeline().watch(now, WATCH_AFTER_NANOS)) {
                case ARM -> {
                    it.remove();
                    watchSocket(connection);
                }
                case DROP -> it.remove();
                case LATER -> {
                    // look again at the next tick
                }
            }
        }
    }

    private void watchSocket(Connection connection) {
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

    /** Closes parked connections that are overdue; the others are left alone. */
    private void sweep(long now) {
        List<Connection> overdue = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            Connection connection = (Connection) key.attachment();
            try {
                if (key.isValid() && key.interestOps() != 0) {
                    String why = connection.overdue(now);
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
