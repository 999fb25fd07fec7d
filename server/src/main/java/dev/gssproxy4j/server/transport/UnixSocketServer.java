package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens on AF_UNIX stream sockets and serves their connections without a thread per connection, so that idle
 * connections cost a selector registration and a few hundred bytes:
 * <ul>
 *   <li>an accept loop per socket reads the peer's credentials, admits the connection within the per-uid and global
 *       limits ({@link ConnectionLimits}: a uid at its limit is refused, root keeps a reserve) and queues it;</li>
 *   <li>a bounded pool of platform {@link Worker}s serves connections that have bytes, taking turns by uid
 *       ({@link ReadyQueue}); a worker runs the request's GSS calls itself and keeps a busy connection while its
 *       next request comes within the linger time, so a client that keeps calling never changes threads (the
 *       speed of the thread-per-connection model it replaces: a hand-off per request cost 10-30% of the accepts
 *       per second);</li>
 *   <li>a client that sends its next calls before reading replies (the kernel's RPC client) has up to
 *       {@link TransportLimits#callsPerConnection()} of them run at once, each reply written when ready
 *       ({@link Pipeline}, {@link ReplyWriter});</li>
 *   <li>a connection that goes quiet waits in the {@link IdlePark}, which also closes records that do not arrive
 *       whole within the read deadline (slowloris) and, if configured, idle connections, and watches the
 *       connections of calls that last for the next call.</li>
 * </ul>
 * Memory follows the bytes received ({@link dev.gssproxy4j.rpc.RecordAssembler}), never a length a peer announces.
 * Sockets are set up as upstream does: unlink, bind, mode 0666 (access is decided per call from the peer's
 * credentials, not by the socket's mode). A socket systemd passed ({@link #adopt}) is used as it is: its file,
 * mode and queued connections are systemd's, so it is never unlinked, and it stays open until the server closes.
 */
public final class UnixSocketServer implements AutoCloseable {

    /** Pending connections the kernel queues for each socket before the accept loop takes them. */
    static final int BACKLOG = 4096;
    /** Pause after an accept that failed for want of a resource (EMFILE, ENFILE, ENOMEM) before trying again. */
    static final long ACCEPT_RETRY_MILLIS = 50;

    private final PeerCredentialsReader peerReader;
    private final TransportLimits limits;
    private final ConnectionLimits connectionLimits;
    private final RequestMemory requestMemory;
    private final ReadyQueue ready = new ReadyQueue();
    private final IdlePark park;
    private final Serving serving;
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong connectionIds = new AtomicLong();
    /** Accept loops wait on it before their first accept; open unless {@link #holdAccepting()} closed it. */
    private volatile CountDownLatch accepting = new CountDownLatch(0);

    /** A listening socket; {@code inherited} if systemd bound it, so that its file is not ours to delete. */
    private record Listener(ServerSocketChannel channel, boolean inherited) {}

    public UnixSocketServer(Transport.RecordHandler handler, PeerCredentialsReader peerReader, TransportLimits limits)
            throws IOException {
        this.peerReader = peerReader;
        this.limits = limits;
        this.connectionLimits = new ConnectionLimits(limits);
        this.requestMemory = new RequestMemory(limits.requestMemory(), limits.requestMemoryPerUid());
        this.park = new IdlePark(ready, this::closeConnection);
        this.serving = new Serving(ready, park, handler, limits, this::closeConnection);
        for (int i = 0; i < limits.workers(); i++) {
            Worker worker = new Worker(ready);
            // daemon threads: an open connection must not keep the JVM from exiting
            workers.add(Thread.ofPlatform().daemon().name("worker " + i).start(worker));
        }
    }

    /** Binds {@code socket} (replacing a stale socket file) and starts accepting on it. */
    public void listen(Path socket) throws IOException {
        String key = socket.toAbsolutePath().toString();
        if (listeners.containsKey(key)) {
            return;
        }
        Path parent = socket.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(UnixDomainSocketAddress.of(socket), BACKLOG);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + socket + ": " + e.getMessage()
                    + " (check that the directory exists and is writable by the daemon)", e);
        }
        start(key, new Listener(listener, false));
    }

    /**
     * Serves {@code listener}, a socket systemd bound to {@code socket} and passed to the daemon
     * ({@link InheritedListener}), under that path. Unlike {@link #listen} nothing is unlinked or bound, and
     * {@link #stopListening} leaves it open: systemd holds the same socket and would queue connections on it that
     * nobody accepts.
     *
     * @throws IllegalStateException if {@code socket} is already served
     */
    public void adopt(Path socket, ServerSocketChannel listener) {
        String key = socket.toAbsolutePath().toString();
        if (listeners.containsKey(key)) {
            throw new IllegalStateException(key + " is already served");
        }
        start(key, new Listener(listener, true));
    }

    private void start(String key, Listener listener) {
        listeners.put(key, listener);
        Thread.ofPlatform().daemon().name("accept " + key).start(() -> acceptLoop(listener.channel(), key));
    }

    /**
     * Stops listening on a socket that a reloaded configuration no longer names; a socket systemd passed stays
     * open (see {@link #adopt}), and its callers now match no service.
     */
    public void stopListening(Path socket) throws IOException {
        String key = socket.toAbsolutePath().toString();
        Listener listener = listeners.get(key);
        if (listener == null) {
            return;
        }
        if (listener.inherited()) {
            DaemonLog.debug(1, "Socket " + key + " was passed by systemd; it stays open although no service names "
                    + "it now");
            return;
        }
        listeners.remove(key);
        listener.channel().close();
        Files.deleteIfExists(socket);
    }

    /** Connections open now (for {@code gssproxy4j stats}). */
    public int openConnections() {
        return connectionLimits.total();
    }

    public java.util.Set<String> sockets() {
        return java.util.Set.copyOf(listeners.keySet());
    }

    /**
     * Sockets bound from now on queue their callers (the kernel's backlog) until {@link #startAccepting()}: the
     * daemon binds every socket as root and serves nobody before it has dropped to {@code run_as_user}.
     */
    public void holdAccepting() {
        accepting = new CountDownLatch(1);
    }

    /** Lets held accept loops take their first connection. */
    public void startAccepting() {
        accepting.countDown();
    }

    private void acceptLoop(ServerSocketChannel listener, String socketPath) {
        try {
            accepting.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // e.g. EMFILE while callers hold every descriptor: pause, so the loop does not spin on it
                DaemonLog.errorFrom(DaemonLog.UNKNOWN_UID, "accept failed", "accept failed on " + socketPath + ": "
                        + e.getMessage());
                if (!pauseAfterAcceptFailure()) {
                    return;
                }
                continue;
            }
            admit(channel, socketPath, connectionIds.incrementAndGet());
        }
    }

    /** Waits {@value #ACCEPT_RETRY_MILLIS} ms after a failed accept; false if interrupted (the server closes). */
    private static boolean pauseAfterAcceptFailure() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void admit(SocketChannel channel, String socketPath, long id) {
        Caller peer;
        try {
            channel.configureBlocking(false);
            peer = peerReader.read(channel, Path.of(socketPath));
        } catch (IOException | RuntimeException e) {
            DaemonLog.debug(1, id, "connection closed before it was set up: " + e.getMessage());
            closeQuietly(channel);
            return;
        }
        String refusal = connectionLimits.admit(peer.uid());
        if (refusal != null) {
            DaemonLog.debug(1, id, "refusing connection from " + peer.describeProcess() + " on " + socketPath + ": "
                    + refusal);
            closeQuietly(channel);
            return;
        }
        DaemonLog.debug(2, id, "Connection from " + peer.describeProcess() + " on " + socketPath);
        Connection connection = new Connection(channel, new Transport.Origin(peer, id), serving,
                requestMemory.forUid(peer.uid()), System.nanoTime());
        connections.put(id, connection);
        ready.offer(connection); // a new connection's first request usually follows at once
    }

    private void closeConnection(Connection connection) {
        if (connections.remove(connection.id()) != null) {
            connection.close();
            connectionLimits.release(connection.uid());
        }
    }

    @Override
    public void close() throws IOException {
        for (var entry : listeners.entrySet()) {
            entry.getValue().channel().close();
            if (!entry.getValue().inherited()) {
                Files.deleteIfExists(Path.of(entry.getKey()));
            }
        }
        listeners.clear();
        ready.close();
        park.close();
        List.copyOf(connections.values()).forEach(this::closeConnection);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a connection we are giving up on; nothing left to do
        }
    }
}
