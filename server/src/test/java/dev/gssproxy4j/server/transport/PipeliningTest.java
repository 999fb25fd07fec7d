package dev.gssproxy4j.server.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.rpc.RecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several calls in flight on one connection, over real AF_UNIX sockets, with a handler the test controls: a call
 * {@code S<n>} blocks until the test releases it, {@code F<n>} is answered at once, {@code B<n>} is answered with a
 * reply larger than the socket buffer, {@code D<n>} drops the connection. Every reply is its request (or, for B, the
 * request's id repeated), so the test knows which call each reply answers. Synchronisation is by latches the
 * handler counts down, never by time.
 */
@Timeout(60)
class PipeliningTest {

    private static final int BIG_REPLY = 300 * 1024;
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path dir;
    private final Calls calls = new Calls();
    private final List<UnixSocketServer> servers = new ArrayList<>();

    /** What the handler saw: per call id, a latch for "entered" and one the test opens to let it finish. */
    private static final class Calls {
        final ConcurrentHashMap<Integer, CountDownLatch> entered = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        CountDownLatch entered(int id) {
            return entered.computeIfAbsent(id, i -> new CountDownLatch(1));
        }

        CountDownLatch gate(int id) {
            return gates.computeIfAbsent(id, i -> new CountDownLatch(1));
        }

        void awaitEntered(int id) throws InterruptedException {
            assertTrue(entered(id).await(WAIT_SECONDS, TimeUnit.SECONDS), "call " + id + " never reached the handler");
        }

        void release(int id) {
            gate(id).countDown();
        }

        void releaseAll() {
            gates.values().forEach(CountDownLatch::countDown);
        }
    }

    @AfterEach
    void stop() throws IOException {
        calls.releaseAll();
        for (UnixSocketServer server : servers) {
            server.close();
        }
    }

    private Path serve(TransportLimits limits) throws IOException {
        Transport.RecordHandler handler = (request, origin) -> {
            char kind = (char) request[0];
            int id = request[1];
            calls.events.add("in " + kind + id);
            calls.entered(id).countDown();
            try {
                switch (kind) {
                    case 'S' -> {
                        if (!calls.gate(id).await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("call " + id + " was never released");
                        }
                    }
                    case 'D' -> {
                        return new Transport.Drop("asked to");
                    }
                    case 'B' -> {
                        byte[] big = new byte[BIG_REPLY];
                        Arrays.fill(big, (byte) id);
                        return new Transport.Reply(RecordWriter.frame(big));
                    }
                    default -> {
                        // F: answered at once
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                calls.events.add("out " + kind + id);
            }
            return new Transport.Reply(RecordWriter.frame(request));
        };
        UnixSocketServer server = new UnixSocketServer(handler, SocketPeerCredentials.create(), limits);
        servers.add(server);
        Path socket = dir.resolve("gp" + servers.size() + ".sock");
        server.listen(socket);
        return socket;
    }

    private Path serve() throws IOException {
        return serve(TransportLimits.defaults(1024 * 1024));
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    private static byte[] call(char kind, int id) {
        return new byte[] {(byte) kind, (byte) id, 0, 0};
    }

    /** The calls framed back to back, as one write: a pipelining client. */
    private static void send(SocketChannel channel, byte[]... messages) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            all.writeBytes(RecordWriter.frame(message));
        }
        ByteBuffer out = ByteBuffer.wrap(all.toByteArray());
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** The id of the next reply (its second byte), or fails if the connection ends. */
    private static int nextReply(RecordReader replies) throws IOException {
        byte[] reply = replies.read();
        assertTrue(reply != null, "the connection ended instead of answering");
        return reply.length == BIG_REPLY ? reply[0] : reply[1];
    }

    @Test
    void aFastCallSentRightBehindASlowOneIsAnsweredFirst() throws Exception {
        try (SocketChannel c = connect(serve())) {
            send(c, call('S', 1), call('F', 2));
            RecordReader replies = new RecordReader(c, 1024);

            assertEquals(2, nextReply(replies), "the fast call does not wait for the slow one");
            calls.release(1);
            assertEquals(1, nextReply(replies));
        }
    }

    @Test
    void aCallSentWhileAnotherRunsIsReadAndAnsweredFirst() throws Exception {
        try (SocketChannel c = connect(serve())) {
            send(c, call('S', 1));
            calls.awaitEntered(1);
            send(c, call('F', 2)); // arrives while nobody reads: the park reads ahead once the slow call lasts
            RecordReader replies = new RecordReader(c, 1024);

            assertEquals(2, nextReply(replies));
            calls.release(1);
            assertEquals(1, nextReply(replies));
        }
    }

    @Test
    void theCallBeyondTheBoundWaitsUntilACallEndsAndIsThenAnswered() throws Exception {
        try (SocketChannel c = connect(serve(TransportLimits.defaults(1024).withCallsPerConnection(2)))) {
            send(c, call('S', 1), call('S', 2), call('F', 3));
            calls.awaitEntered(1);
            calls.awaitEntered(2);
            RecordReader replies = new RecordReader(c, 1024);

            calls.release(1);
            assertEquals(1, nextReply(replies), "the third call is not read while two run");
            assertEquals(3, nextReply(replies), "then it is read and answered, not dropped");
            calls.release(2);
            assertEquals(2, nextReply(replies));
            assertTrue(calls.events.indexOf("in F3") > calls.events.indexOf("out S1"),
                    "the third call reached the handler only after a call ended: " + calls.events);
        }
    }

    @Test
    void aClientSendingOneCallAtATimeGetsItsRepliesInOrder() throws Exception {
        try (SocketChannel c = connect(serve())) {
            RecordReader replies = new RecordReader(c, 1024);
            for (int id = 1; id <= 6; id++) {
                boolean slow = id % 2 == 1;
                send(c, call(slow ? 'S' : 'F', id));
                if (slow) {
                    calls.awaitEntered(id);
                    calls.release(id);
                }
                assertEquals(id, nextReply(replies));
            }
            assertEquals(List.of("in S1", "out S1", "in F2", "out F2", "in S3", "out S3", "in F4", "out F4",
                    "in S5", "out S5", "in F6", "out F6"), calls.events, "one call at a time, in order");
        }
    }

    @Test
    void repliesOfCallsRunningAtOnceNeverInterleave() throws Exception {
        try (SocketChannel c = connect(serve())) {
            int count = 12;
            byte[][] bigCalls = new byte[count][];
            for (int i = 0; i < count; i++) {
                bigCalls[i] = call('B', i + 1);
            }
            send(c, bigCalls); // each reply is larger than the socket buffer: writers wait for room in turn
            RecordReader replies = new RecordReader(c, 2 * BIG_REPLY);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < count; i++) {
                byte[] reply = replies.read();
                assertEquals(BIG_REPLY, reply.length);
                byte[] expected = new byte[BIG_REPLY];
                Arrays.fill(expected, reply[0]);
                assertArrayEquals(expected, reply, "a reply holds only its own call's bytes");
                seen.add((int) reply[0]);
            }
            assertEquals(count, seen.size(), "every call answered once: " + seen);
        }
    }

    @Test
    void endOfStreamAfterPipelinedCallsStillAnswersThemThenCloses() throws Exception {
        try (SocketChannel c = connect(serve())) {
            send(c, call('S', 1), call('F', 2));
            c.shutdownOutput();
            RecordReader replies = new RecordReader(c, 1024);

            assertEquals(2, nextReply(replies));
            calls.release(1);
            assertEquals(1, nextReply(replies), "a call in flight at end-of-file is still answered");
            assertNull(replies.read(), "then the connection closes");
        }
    }

    @Test
    void aDropClosesTheConnectionWhileAnotherCallRunsAndThatCallsReplyIsDiscarded() throws Exception {
        Path socket = serve();
        try (SocketChannel c = connect(socket)) {
            send(c, call('S', 1), call('D', 2));
            assertNull(new RecordReader(c, 1024).read(), "closed without any reply");
            calls.release(1); // its reply has nowhere to go; the worker moves on
        }
        try (SocketChannel next = connect(socket)) {
            send(next, call('F', 3));
            assertEquals(3, nextReply(new RecordReader(next, 1024)));
        }
    }

    @Test
    void recordsInFlightStayCountedAgainstTheirUidsMemory() throws Exception {
        // a record that arrives whole reserves its own size: three in flight fill a budget of three, so a fourth
        // does not fit. Were a record's memory given back when the next one completed, only one would be held.
        int record = call('S', 1).length;
        TransportLimits limits = TransportLimits.defaults(64 * 1024).withCallsPerConnection(8)
                .withRequestMemory(3 * record, 3 * record);
        try (SocketChannel c = connect(serve(limits))) {
            send(c, call('S', 1), call('S', 2), call('S', 3));
            calls.awaitEntered(1);
            calls.awaitEntered(2);
            calls.awaitEntered(3);
            send(c, call('F', 4));

            assertNull(new RecordReader(c, 1024).read(), "the fourth record is over the budget: closed");
            assertEquals(-1, calls.events.indexOf("in F4"));
        }
    }
}
