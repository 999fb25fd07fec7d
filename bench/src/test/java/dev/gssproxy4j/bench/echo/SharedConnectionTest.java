package dev.gssproxy4j.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedConnectionTest {

    private static final int BYTES = 64;

    @TempDir
    Path dir;

    @Test
    void everyThreadOfASharedConnectionGetsEveryReply() throws Exception {
        assertEveryCallAnswered(4, 3_000, 0);
    }

    @Test
    void aThreadStillWaitingReadsOnWhenTheReaderHasItsReplyAndLeaves() throws Exception {
        // one call per thread and a millisecond per request, so replies come one by one: the first thread to write
        // usually reads, gets its reply first and leaves while the others' are still to come
        for (int round = 0; round < 30; round++) {
            assertEveryCallAnswered(3, 1, Work.iterationsFor(1_000_000));
        }
    }

    private void assertEveryCallAnswered(int threads, int calls, long serverWork) throws Exception {
        Path socket = dir.resolve("echo.sock");
        try (ServerSocketChannel server = EchoServer.listen(socket);
             SharedConnection connection = new SharedConnection(socket, threads, BYTES)) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    EchoServer.acceptForever(server, BYTES, serverWork);
                } catch (IOException e) {
                    // the test closed the server
                }
            });
            AtomicInteger answered = new AtomicInteger();
            // a lost reply or a lost hand-over of the reading leaves a thread waiting for good
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int index = t;
                    clients.add(Thread.ofPlatform().start(() -> {
                        ByteBuffer request = ByteBuffer.allocate(BYTES);
                        for (int i = 0; i < calls; i++) {
                            request.clear();
                            try {
                                connection.call(index, request);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            answered.incrementAndGet();
                        }
                    }));
                }
                for (Thread client : clients) {
                    client.join();
                }
            });
            assertEquals(threads * calls, answered.get());
        }
    }

    @Test
    void refusesRequestsTooShortToCarryTheirIndex() {
        assertThrows(IllegalArgumentException.class, () -> new SharedConnection(dir.resolve("none.sock"), 4, 3));
    }
}
