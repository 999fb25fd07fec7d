package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.client.ClientOptions;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.client.GssProxyException;
import dev.gssproxy4j.client.GssProxyException.Reason;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.ietf.jgss.GSSException;

/**
 * A small pool of connections to one daemon, shared by every thread of the process. Each {@link GssProxyClient}
 * carries one call at a time; up to {@link ConnectionSettings#maxConnections()} calls run at once and later ones
 * wait (bounded by the I/O timeout) for a free connection.
 *
 * <p>After a daemon restart every pooled connection is dead. The daemon needs no state (handles and contexts are
 * sealed in the caller's hands; it only caches), so a call that failed on a dead connection can go to the new
 * daemon, but only when repeating it cannot do harm ({@link Resend}): a context-establishment token that may have
 * reached the old daemon is never sent again, since the second copy would be a replay.
 */
final class DaemonLink implements AutoCloseable {

    /** When a call that failed on a broken connection may be sent again on a new one. */
    enum Resend {
        /** The call changes nothing anywhere (names, credentials, per-message calls on state the caller holds). */
        ALWAYS,
        /** Only if it cannot have reached the daemon: context-establishment legs (RFC 4120 replay detection). */
        IF_NOT_SENT
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(25);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

    private final ConnectionSettings settings;
    private final ClientOptions clientOptions;
    private final Semaphore permits;
    private final Deque<GssProxyClient> idle = new ArrayDeque<>();
    private volatile boolean everConnected;
    private volatile boolean closed;

    DaemonLink(ConnectionSettings settings) {
        this.settings = settings;
        this.clientOptions = ClientOptions.DEFAULTS.withIoTimeout(settings.ioTimeout());
        this.permits = new Semaphore(settings.maxConnections(), true);
    }

    Path socket() {
        return settings.socket();
    }

    /**
     * Sends one call and returns its results, whatever their GSS status.
     *
     * @throws GSSException FAILURE when no connection frees up in time, the daemon cannot be reached, or the call
     *                      got no answer (transport, framing, RPC-level refusal)
     */
    <R extends GssxRes> R call(Procedure procedure, GssxArg args, Class<R> resultType, Resend resend)
            throws GSSException {
        String name = procedure.name();
        acquirePermit(name);
        try {
            for (int attempt = 1; ; attempt++) {
                Connection connection = borrow(name);
                try {
                    R result = resultType.cast(connection.client.call(procedure, args));
                    giveBack(connection.client);
                    return result;
                } catch (GssProxyException e) {
                    if (e.reason().closesConnection()) {
                        connection.client.close();
                    } else {
                        giveBack(connection.client);
                    }
                    if (attempt == 1 && connection.reused && mayResend(e, resend)) {
                        closeIdle(); // they were opened to the same daemon and are just as dead
                        continue;
                    }
                    throw GssErrors.transport(name, socket(), e, !connection.reused);
                }
            }
        } finally {
            permits.release();
        }
    }

    /**
     * Whether {@code e} is a broken connection after which the call may go to the next daemon: always if the
     * request was not (completely) written, otherwise only for calls that may run twice.
     */
    private static boolean mayResend(GssProxyException e, Resend resend) {
        boolean broken = e.reason() == Reason.CONNECTION_CLOSED || e.reason() == Reason.CLIENT_CLOSED;
        return broken && (!e.requestSent() || resend == Resend.ALWAYS);
    }

    private void acquirePermit(String call) throws GSSException {
        try {
            if (!permits.tryAcquire(settings.ioTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw GssErrors.local(GSSException.FAILURE, "no connection to the GSS-Proxy daemon at " + socket()
                        + " became free for " + call + " within " + settings.ioTimeout() + " (all "
                        + settings.maxConnections() + " are busy; raise the pool size with the agent option pool=)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GssErrors.local(GSSException.FAILURE, call + " was interrupted while waiting for a connection");
        }
    }

    /** A pooled connection, or a new one; {@code reused} says whether it has answered a call before. */
    private record Connection(GssProxyClient client, boolean reused) {}

    private Connection borrow(String call) throws GSSException {
        synchronized (idle) {
            if (closed) {
                throw GssErrors.local(GSSException.FAILURE, "the connection pool to " + socket() + " is closed");
            }
            GssProxyClient pooled = idle.pollFirst();
            if (pooled != null) {
                return new Connection(pooled, true);
            }
        }
        return new Connection(connect(call), false);
    }

    /**
     * Connects; once the daemon has been reachable, keeps trying for {@link ConnectionSettings#reconnectWait()}
     * while it restarts (socket missing or refusing), backing off from 25 ms to 500 ms between tries.
     */
    private GssProxyClient connect(String call) throws GSSException {
        long deadline = System.nanoTime() + (everConnected ? settings.reconnectWait().toNanos() : 0);
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                GssProxyClient client = GssProxyClient.connect(socket(), clientOptions);
                everConnected = true;
                return client;
            } catch (GssProxyException e) {
                if (System.nanoTime() + backoff.toNanos() > deadline) {
                    throw GssErrors.transport(call, socket(), e, true);
                }
                LockSupport.parkNanos(backoff.toNanos());
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw GssErrors.transport(call, socket(), e, true);
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void giveBack(GssProxyClient client) {
        synchronized (idle) {
            if (!closed && client.isOpen()) {
                idle.addFirst(client); // most recently used first: the others may time out at the daemon
                return;
            }
        }
        client.close();
    }

    private void closeIdle() {
        List<GssProxyClient> stale;
        synchronized (idle) {
            stale = new ArrayList<>(idle);
            idle.clear();
        }
        stale.forEach(GssProxyClient::close);
    }

    /** Closes the idle connections; calls in flight finish, and their connections are closed afterwards. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
        }
        closeIdle();
    }
}
