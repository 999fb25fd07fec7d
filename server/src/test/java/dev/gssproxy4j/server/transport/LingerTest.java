package dev.gssproxy4j.server.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's wait for a connection's next request ({@link Worker#linger}) over a real AF_UNIX connection. The wait
 * has no timeout of its own: the ready queue's timer ends it, so without that timer a quiet connection would hold
 * its worker for good (and these tests would time out).
 */
class LingerTest {

    private static final Duration LINGER = Duration.ofMillis(20);
    /** Far beyond any linger: only a linger that never ends reaches it. */
    private static final Duration NEVER = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ReadyQueue ready;
    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel served;

    @BeforeEach
    void connect() throws Exception {
        ready = new ReadyQueue();
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(dir.resolve("linger.sock")));
        client = SocketChannel.open(listener.getLocalAddress());
        served = listener.accept();
        served.configureBlocking(false);
    }

    @AfterEach
    void close() throws Exception {
        ready.close();
        served.close();
        client.close();
        listener.close();
    }

    @Test
    void aQuietConnectionsLingerEnds() {
        Worker worker = worker();
        assertTimeoutPreemptively(NEVER, () -> assertFalse(worker.linger(served, LINGER)));
        assertTimeoutPreemptively(NEVER, () -> assertFalse(worker.linger(served, LINGER)), "and again");
    }

    @Test
    void aRequestEndsTheLingerAsReady() throws Exception {
        Worker worker = worker();
        client.write(ByteBuffer.wrap(new byte[] {1}));
        assertTimeoutPreemptively(NEVER, () -> assertTrue(worker.linger(served, NEVER)));
    }

    @Test
    void lingersOfSeveralWorkersAllEnd() {
        Worker first = worker();
        Worker second = worker();
        assertTimeoutPreemptively(NEVER, () -> {
            Thread other = Thread.ofPlatform().start(() -> {
                try (SocketChannel otherClient = SocketChannel.open(listener.getLocalAddress());
                     SocketChannel otherServed = listener.accept()) {
                    otherServed.configureBlocking(false);
                    assertFalse(second.linger(otherServed, LINGER.multipliedBy(3)));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertFalse(first.linger(served, LINGER));
            other.join();
        });
    }

    private Worker worker() {
        try {
            return new Worker(ready);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
