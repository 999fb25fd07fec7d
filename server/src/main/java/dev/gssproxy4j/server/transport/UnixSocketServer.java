package dev.gssproxy4j.server.transport;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens on AF_UNIX stream sockets and serves each connection on its own platform thread, so connections never
 * wait for each other. A platform thread rather than a virtual one: a request's GSS calls then run on the thread
 * that read it ({@link dev.gssproxy4j.server.GssCalls}) with no hand-off, where a virtual thread would have to pass
 * them to another thread (native code pins its carrier) and be woken by the poller for every request: three
 * wake-ups per request, which cost 10-30% of the accepts per second and doubled p99 latency with 4 clients.
 * Connections are few and long-lived (one per interposer process, one for the kernel), so a thread each is cheap.
 * Sockets are set up as upstream does: unlink, bind, mode 0666 (access is decided per call from the peer's
 * credentials, not by the socket's mode). The number of open connections is capped; a connection over the cap is
 * closed at once and logged.
 */
public final class UnixSocketServer implements AutoCloseable {

    private final Transport.RecordHandler handler;
    private final PeerCredentialsReader peerReader;
    private final int maxRecord;
    private final Semaphore connectionSlots;
    private final int maxConnections;
    private final Map<String, ServerSocketChannel> listeners = new ConcurrentHashMap<>();
    private final Map<Long, SocketChannel> connections = new ConcurrentHashMap<>();
    private final AtomicLong connectionIds = new AtomicLong();

    public UnixSocketServer(Transport.RecordHandler handler, PeerCredentialsReader peerReader, int maxRecord,
                            int maxConnections) {
        this.handler = handler;
        this.peerReader = peerReader;
        this.maxRecord = maxRecord;
        this.maxConnections = maxConnections;
        this.connectionSlots = new Semaphore(maxConnections);
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
            listener.bind(UnixDomainSocketAddress.of(socket), 64);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + socket + ": " + e.getMessage()
                    + " (check that the directory exists and is writable by the daemon)", e);
        }
        listeners.put(key, listener);
        Thread.ofVirtual().name("accept " + key).start(() -> acceptLoop(listener, key));
    }

    /** Stops listening on a socket that a reloaded configuration no longer names. */
    public void stopListening(Path socket) throws IOException {
        ServerSocketChannel listener = listeners.remove(socket.toAbsolutePath().toString());
        if (listener != null) {
            listener.close();
            Files.deleteIfExists(socket);
        }
    }

    public java.util.Set<String> sockets() {
        return java.util.Set.copyOf(listeners.keySet());
    }

    private void acceptLoop(ServerSocketChannel listener, String socketPath) {
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                DaemonLog.error("accept failed on " + socketPath + ": " + e.getMessage());
                continue;
            }
            long id = connectionIds.incrementAndGet();
            if (!connectionSlots.tryAcquire()) {
                DaemonLog.error(id, "refusing connection on " + socketPath + ": " + maxConnections
                        + " connections are open already");
                closeQuietly(channel);
                continue;
            }
            connections.put(id, channel);
            // a daemon thread, as a virtual one would be: an open connection must not keep the JVM from exiting
            Thread.ofPlatform().daemon().name("conn " + id).start(() -> {
                try {
                    serve(channel, socketPath, id);
                } finally {
                    connections.remove(id);
                    connectionSlots.release();
                }
            });
        }
    }

    private void serve(SocketChannel channel, String socketPath, long id) {
        try (channel) {
            PeerCredentials peer = peerReader.read(channel);
            DaemonLog.debug(2, id, "Connection from " + peer.describe() + " on " + socketPath);
            new Connection(channel, new Transport.Origin(peer, socketPath, id), handler, maxRecord).run();
        } catch (IOException e) {
            DaemonLog.debug(1, id, "connection closed: " + e.getMessage());
        } catch (RuntimeException e) {
            DaemonLog.error(id, "connection failed: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        for (var entry : listeners.entrySet()) {
            entry.getValue().close();
            Files.deleteIfExists(Path.of(entry.getKey()));
        }
        listeners.clear();
        connections.values().forEach(UnixSocketServer::closeQuietly);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a connection we are giving up on; nothing left to do
        }
    }
}
