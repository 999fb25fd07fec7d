package dev.gssproxy4j.client;

import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.rpc.RecordWriter;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A scripted GSS-Proxy server on a real AF_UNIX socket, served by virtual threads: it reads each request record,
 * keeps it (whole, mark included) for the test, and answers with what the script returns for it. A script error
 * is rethrown by {@link #close()}, so it fails the test instead of vanishing in a server thread.
 */
final class FakeServer implements AutoCloseable {

    /** What the server does with one request. */
    sealed interface Action permits Reply, Close, Silent {}

    /** Writes these bytes as they are (normally one whole record), then reads the next request. */
    record Reply(byte[] bytes) implements Action {}

    /** Writes these bytes (possibly none), then closes the connection. */
    record Close(byte[] bytes) implements Action {}

    /** Answers nothing and waits for the next request (or for the client to go away). */
    record Silent() implements Action {}

    private final Path socket;
    private final ServerSocketChannel server;
    private final Function<byte[], Action> script;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<SocketChannel> connections = new ArrayList<>();

    private FakeServer(Path socket, ServerSocketChannel server, Function<byte[], Action> script) {
        this.socket = socket;
        this.server = server;
        this.script = script;
    }

    /** Listens on {@code dir/gp.sock}; {@code script} maps each whole request record to an action. */
    static FakeServer start(Path dir, Function<byte[], Action> script) throws IOException {
        Path socket = dir.resolve("gp.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        FakeServer fake = new FakeServer(socket, server, script);
        fake.threads.add(Thread.ofVirtual().name("fake-server-accept").start(fake::acceptLoop));
        return fake;
    }

    /** Answers every request with {@code replyName}'s golden record, its xid patched to the request's. */
    static Function<byte[], Action> always(String replyName) {
        byte[] golden = GoldenRecords.read(replyName);
        return request -> new Reply(GoldenRecords.withXid(golden, GoldenRecords.xid(request)));
    }

    /** Answers the n-th request with the n-th golden reply (xid patched), and closes after the last. */
    static Function<byte[], Action> replaying(String... replyNames) {
        List<byte[]> replies = new ArrayList<>();
        for (String name : replyNames) {
            replies.add(GoldenRecords.read(name));
        }
        int[] next = {0};
        return request -> next[0] < replies.size()
                ? new Reply(GoldenRecords.withXid(replies.get(next[0]++), GoldenRecords.xid(request)))
                : new Close(new byte[0]);
    }

    Path socket() {
        return socket;
    }

    /** The next request the server received (whole record), waiting for it if need be. */
    byte[] nextRequest() throws InterruptedException {
        byte[] request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the fake server received no request within 10 s");
        }
        return request;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                synchronized (threads) {
                    connections.add(connection);
                    threads.add(Thread.ofVirtual().name("fake-server-conn").start(() -> serve(connection)));
                }
            } catch (IOException e) {
                return; // closed by close()
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            RecordReader reader = new RecordReader(connection);
            byte[] request;
            while ((request = reader.read()) != null) {
                byte[] whole = RecordWriter.frame(request);
                received.add(whole);
                Action action = script.apply(whole);
                switch (action) {
                    case Reply reply -> write(connection, reply.bytes());
                    case Close close -> {
                        write(connection, close.bytes());
                        return;
                    }
                    case Silent silent -> { }
                }
            }
        } catch (IOException e) {
            // The client went away (closed after a timeout or an error): the conversation is over.
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void write(SocketChannel connection, byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            connection.write(out);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        List<Thread> all;
        synchronized (threads) {
            for (SocketChannel connection : connections) {
                connection.close(); // wakes a server thread blocked in read
            }
            all = List.copyOf(threads);
        }
        try {
            for (Thread thread : all) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the fake server", e);
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new AssertionError("the fake server's script failed", error);
        }
    }
}
