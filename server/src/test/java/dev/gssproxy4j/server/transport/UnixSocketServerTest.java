package dev.gssproxy4j.server.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.rpc.RecordWriter;
import dev.gssproxy4j.server.config.Caller;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The socket layer with real AF_UNIX connections and the real SO_PEERCRED, and a trivial echo handler. */
@Timeout(30)
class UnixSocketServerTest {

    private final BlockingQueue<Transport.Origin> origins = new ArrayBlockingQueue<>(16);

    private UnixSocketServer echoServer(int maxConnections) throws IOException {
        return echoServer(TransportLimits.defaults(1024).withConnections(maxConnections, maxConnections, 0));
    }

    private UnixSocketServer echoServer(TransportLimits limits) throws IOException {
        Transport.RecordHandler echo = (request, origin) -> {
            origins.add(origin);
            if (request.length == 4 && request[0] == 'd') {
                return new Transport.Drop("asked to");
            }
            if (request.length == 4 && request[0] == 'c') {
                return new Transport.ReplyAndClose(RecordWriter.frame(request), "asked to");
            }
            return new Transport.Reply(RecordWriter.frame(request));
        };
        return new UnixSocketServer(echo, SocketPeerCredentials.create(), limits);
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    private static byte[] call(SocketChannel channel, byte[] message) throws IOException {
        channel.write(ByteBuffer.wrap(RecordWriter.frame(message)));
        return new RecordReader(channel, 1024).read();
    }

    @Test
    void aSocketSystemdPassedIsServedAsItIsAndOutlivesTheServer(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("activated.sock");
        // This channel plays systemd: it binds the socket (mode 0600, unlike our 0666) and keeps its own copy, and
        // the daemon gets a bare descriptor for the same socket.
        try (ServerSocketChannel systemd = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            systemd.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            Object inode = Files.getAttribute(socket, "unix:ino");
            int passed = Posix.duplicate(ChannelDescriptor.of(systemd));
            try (UnixSocketServer server = echoServer(8)) {
                server.adopt(socket, InheritedListener.adopt(passed));
                try (SocketChannel client = connect(socket)) {
                    assertArrayEquals(new byte[] {7, 7, 7, 7}, call(client, new byte[] {7, 7, 7, 7}));
                }
                assertEquals(socket.toAbsolutePath(), origins.poll(10, TimeUnit.SECONDS).caller().socket());

                server.stopListening(socket); // a reload that no longer names it
                try (SocketChannel client = connect(socket)) {
                    assertArrayEquals(new byte[] {8, 8, 8, 8}, call(client, new byte[] {8, 8, 8, 8}),
                            "still served: systemd's sockets stay open across reloads");
                }
            }
            assertEquals(inode, Files.getAttribute(socket, "unix:ino"), "never unlinked nor bound again");
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(socket));
        }
    }

    /**
     * One worker, lingering on a quiet connection far longer than this test may take: another connection's request
     * is still answered, because the ready queue wakes the lingering worker instead of letting the request wait.
     */
    @Test
    @Timeout(30)
    void aLingeringWorkerGivesWayToAnotherConnection(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        TransportLimits limits = TransportLimits.defaults(1024).withWorkers(1, Duration.ofMinutes(10));
        try (UnixSocketServer server = echoServer(limits); SocketChannel quiet = connect(socket(server, socket))) {
            assertArrayEquals(new byte[] {1, 1, 1, 1}, call(quiet, new byte[] {1, 1, 1, 1}));
            try (SocketChannel other = connect(socket)) {
                assertArrayEquals(new byte[] {2, 2, 2, 2}, call(other, new byte[] {2, 2, 2, 2}));
            }
            assertArrayEquals(new byte[] {3, 3, 3, 3}, call(quiet, new byte[] {3, 3, 3, 3}),
                    "the quiet connection was parked, not lost");
        }
    }

    @Test
    void aDescriptorThatIsNotOpenIsRefusedInOneLine() {
        IOException e = assertThrows(IOException.class, () -> InheritedListener.adopt(-1));
        assertTrue(e.getMessage().startsWith("cannot take over descriptor -1: dup3(-1, "), e.getMessage());
    }

    @Test
    void socketIsWorldWritableAndPeerCredentialsAreTheCallers(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(8)) {
            server.listen(socket);
            assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), Files.getPosixFilePermissions(socket));
            try (SocketChannel client = connect(socket)) {
                assertArrayEquals(new byte[] {1, 2, 3, 4}, call(client, new byte[] {1, 2, 3, 4}));
            }
            Transport.Origin origin = origins.poll(10, TimeUnit.SECONDS);
            Caller peer = origin.caller();
            assertEquals(ProcessHandle.current().pid(), peer.pid());
            assertEquals(new com.sun.security.auth.module.UnixSystem().getUid(), Integer.toUnsignedLong(peer.uid()));
            assertEquals(Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath(),
                    peer.program().orElseThrow());
            assertEquals(socket.toAbsolutePath(), peer.socket());
        }
        assertTrue(Files.notExists(socket), "closing the server removes its socket");
    }

    @Test
    void anIdleHalfSentRequestDoesNotDelayOtherConnections(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(8)) {
            server.listen(socket);
            SocketChannel stalled = connect(socket);
            // a record mark announcing 100 bytes, then nothing: that connection's reader waits
            stalled.write(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 100, 1, 2}));
            try (SocketChannel other = connect(socket)) {
                assertArrayEquals(new byte[] {9, 9, 9, 9}, call(other, new byte[] {9, 9, 9, 9}));
            }
            stalled.close();
        }
    }

    @Test
    void dropClosesOnlyThatConnectionAndOversizeRecordsAreRefused(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(8)) {
            server.listen(socket);
            try (SocketChannel dropped = connect(socket)) {
                assertEquals(null, call(dropped, new byte[] {'d', 0, 0, 0}), "dropped without a reply");
            }
            try (SocketChannel big = connect(socket)) {
                big.write(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 4, 1}));
                assertEquals(null, new RecordReader(big, 1024).read(), "a record over the maximum closes");
            }
            try (SocketChannel fine = connect(socket)) {
                assertArrayEquals(new byte[] {5, 6, 7, 8}, call(fine, new byte[] {5, 6, 7, 8}));
            }
        }
    }

    @Test
    void connectionsOverTheCapAreClosedAndTheRestServed(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(1)) {
            server.listen(socket);
            try (SocketChannel first = connect(socket)) {
                assertArrayEquals(new byte[] {1, 1, 1, 1}, call(first, new byte[] {1, 1, 1, 1}));
                try (SocketChannel second = connect(socket)) {
                    assertEquals(null, new RecordReader(second, 1024).read(), "over the cap: closed at once");
                }
                assertArrayEquals(new byte[] {2, 2, 2, 2}, call(first, new byte[] {2, 2, 2, 2}));
            }
        }
    }

    @Test
    void rootKeepsAReserveBeyondTheGlobalCap(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(TransportLimits.defaults(1024).withConnections(1, 1, 1))) {
            server.listen(socket);
            try (SocketChannel first = connect(socket); SocketChannel second = connect(socket);
                 SocketChannel third = connect(socket)) {
                assertArrayEquals(new byte[] {1, 1, 1, 1}, call(first, new byte[] {1, 1, 1, 1}));
                boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
                if (root) {
                    assertArrayEquals(new byte[] {2, 2, 2, 2}, call(second, new byte[] {2, 2, 2, 2}), "the reserve");
                    assertEquals(null, new RecordReader(third, 1024).read(), "beyond the reserve: closed");
                } else {
                    assertEquals(null, new RecordReader(second, 1024).read(), "over the cap: closed");
                }
            }
        }
    }

    @Test
    void idleConnectionsHoldNoThreadAndNewOnesAreStillServed(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(4096)) {
            server.listen(socket);
            int threadsBefore = Thread.activeCount();
            List<SocketChannel> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    SocketChannel c = connect(socket);
                    idle.add(c);
                    if (i % 100 == 0) { // some have spoken once, then gone quiet
                        assertArrayEquals(new byte[] {3, 3, 3, 3}, call(c, new byte[] {3, 3, 3, 3}));
                    }
                }
                try (SocketChannel fresh = connect(socket)) {
                    assertArrayEquals(new byte[] {4, 4, 4, 4}, call(fresh, new byte[] {4, 4, 4, 4}));
                }
                assertTrue(Thread.activeCount() - threadsBefore < 10, "1000 idle connections must not hold threads: "
                        + (Thread.activeCount() - threadsBefore) + " more threads");
            } finally {
                for (SocketChannel c : idle) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aRecordThatDoesNotArriveWithinTheReadDeadlineClosesItsConnection(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        TransportLimits limits = TransportLimits.defaults(1024)
                .withDeadlines(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ZERO);
        try (UnixSocketServer server = echoServer(limits); SocketChannel slow = connect(socket(server, socket))) {
            slow.write(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 100, 1, 2}));
            // the server closes the connection once the deadline passes; the read returns then (or the test times out)
            assertEquals(-1, slow.read(ByteBuffer.allocate(16)));
        }
    }

    @Test
    void anIdleTimeoutClosesQuietConnectionsOnlyWhenConfigured(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        TransportLimits limits = TransportLimits.defaults(1024)
                .withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1));
        try (UnixSocketServer server = echoServer(limits); SocketChannel quiet = connect(socket(server, socket))) {
            assertArrayEquals(new byte[] {5, 5, 5, 5}, call(quiet, new byte[] {5, 5, 5, 5}));
            assertEquals(-1, quiet.read(ByteBuffer.allocate(16)), "closed after the idle timeout");
        }
    }

    @Test
    void replyAndCloseAnswersThenCloses(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(8); SocketChannel c = connect(socket(server, socket))) {
            assertArrayEquals(new byte[] {'c', 0, 0, 0}, call(c, new byte[] {'c', 0, 0, 0}));
            assertEquals(null, new RecordReader(c, 1024).read(), "then the connection is closed");
        }
    }

    @Test
    void pipelinedRequestsAreEachAnsweredOnce(@TempDir Path dir) throws Exception {
        // they may run at once, so their replies may come in either order (PipeliningTest has the details)
        Path socket = dir.resolve("gp.sock");
        try (UnixSocketServer server = echoServer(8); SocketChannel c = connect(socket(server, socket))) {
            ByteBuffer both = ByteBuffer.allocate(16);
            both.put(RecordWriter.frame(new byte[] {1, 2, 3, 4})).put(RecordWriter.frame(new byte[] {5, 6, 7, 8}));
            c.write(both.flip());
            RecordReader replies = new RecordReader(c, 1024);
            Set<List<Byte>> answered = Set.of(bytes(replies.read()), bytes(replies.read()));
            assertEquals(Set.of(List.<Byte>of((byte) 1, (byte) 2, (byte) 3, (byte) 4),
                    List.<Byte>of((byte) 5, (byte) 6, (byte) 7, (byte) 8)), answered);
        }
    }

    private static List<Byte> bytes(byte[] array) {
        List<Byte> list = new ArrayList<>();
        for (byte b : array) {
            list.add(b);
        }
        return list;
    }

    /** Starts {@code server} on {@code socket} and returns the socket. */
    private static Path socket(UnixSocketServer server, Path socket) throws IOException {
        server.listen(socket);
        return socket;
    }

    @Test
    void recordsBeyondTheRequestMemoryCloseTheirConnectionAndGiveTheMemoryBack(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gp.sock");
        TransportLimits limits = TransportLimits.defaults(64 * 1024).withRequestMemory(16 * 1024, 16 * 1024);
        try (UnixSocketServer server = echoServer(limits); SocketChannel greedy = connect(socket(server, socket))) {
            ByteBuffer big = ByteBuffer.allocate(4 + 20 * 1024).putInt(0, 0x8000_0000 | 40 * 1024);
            while (big.hasRemaining() && greedy.write(big) >= 0 && greedy.isOpen()) {
                // the daemon may close the connection before it has read everything
            }
            assertEquals(-1, greedy.read(ByteBuffer.allocate(16)), "a record over the budget closes its connection");
            try (SocketChannel next = connect(socket)) {
                assertArrayEquals(new byte[] {6, 6, 6, 6}, call(next, new byte[] {6, 6, 6, 6}), "the budget came back");
            }
        }
    }
}
