package dev.gssproxy4j.server.stats;

import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.transport.PeerCredentialsReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The admin socket: a peer that connects gets the {@link StatsReport} and the connection is closed; nothing is
 * read from it. Only root and the daemon's own uid may read (the socket file is 0600 and the peer's uid is checked
 * with {@code SO_PEERCRED}, so a connection made between bind and chmod is refused too). One thread, one peer at a
 * time: a report is a few kilobytes and a root peer that does not read it only delays the next root peer.
 */
public final class StatsSocket implements AutoCloseable {

    /** The admin socket of a daemon whose main socket is {@code mainSocket}: next to it. */
    public static Path besideMainSocket(Path mainSocket) {
        return mainSocket.resolveSibling("gssproxy4j-stats.sock");
    }

    private final Path path;
    private final ServerSocketChannel listener;
    private final Thread thread;

    private StatsSocket(Path path, ServerSocketChannel listener, PeerCredentialsReader peers, int ownUid,
                        Supplier<String> report) {
        this.path = path;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("stats").unstarted(() -> serve(peers, ownUid, report));
    }

    /** Binds {@code path} (replacing a stale socket) and serves {@code report} to root and {@code ownUid}. */
    public static StatsSocket open(Path path, PeerCredentialsReader peers, int ownUid, Supplier<String> report)
            throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(UnixDomainSocketAddress.of(path), 4);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot open the statistics socket " + path + ": " + e.getMessage(), e);
        }
        StatsSocket socket = new StatsSocket(path, listener, peers, ownUid, report);
        socket.thread.start();
        return socket;
    }

    public Path path() {
        return path;
    }

    private void serve(PeerCredentialsReader peers, int ownUid, Supplier<String> report) {
        while (listener.isOpen()) {
            try (SocketChannel peer = listener.accept()) {
                Caller who = peers.read(peer, path);
                if (who.uid() != 0 && who.uid() != ownUid) {
                    DaemonLog.errorFrom(who.uid(), "statistics refused", "statistics socket: refused "
                            + who.describeProcess() + " (root only)");
                    continue;
                }
                ByteBuffer out = ByteBuffer.wrap(report.get().getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) {
                    peer.write(out);
                }
            } catch (ClosedChannelException e) {
                return; // closed by close()
            } catch (IOException | RuntimeException e) {
                DaemonLog.debug(1, "statistics socket: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Files.deleteIfExists(path);
    }
}
