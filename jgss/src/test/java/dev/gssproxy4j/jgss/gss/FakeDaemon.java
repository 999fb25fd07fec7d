package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A scripted GSS-Proxy daemon on a real AF_UNIX socket: it decodes each call, records it, and answers with what
 * the script returns, or closes the connection without a word. {@link #dropConnections()} closes every connection
 * at once, as a {@code kill -9} of the daemon does, while the socket keeps accepting (the daemon came back).
 */
final class FakeDaemon implements AutoCloseable {

    /** A call the daemon received. */
    record Call(Procedure procedure, GssxArg args) {}

    sealed interface Action permits Answer, Hangup {}

    record Answer(GssxRes result) implements Action {}

    /** Closes the connection after reading the call, without answering. */
    record Hangup() implements Action {}

    private final ServerSocketChannel server;
    private final Path socket;
    private final Function<Call, Action> script;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private FakeDaemon(ServerSocketChannel server, Path socket, Function<Call, Action> script) {
        this.server = server;
        this.socket = socket;
        this.script = script;
    }

    static FakeDaemon start(Path dir, Function<Call, Action> script) throws IOException {
        Path socket = dir.resolve("fake.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        FakeDaemon daemon = new FakeDaemon(server, socket, script);
        synchronized (daemon.threads) {
            daemon.threads.add(Thread.ofVirtual().start(daemon::acceptLoop));
        }
        return daemon;
    }

    Path socket() {
        return socket;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    long count(Procedure procedure) {
        return calls.stream().filter(c -> c.procedure() == procedure).count();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                synchronized (threads) {
                    connections.add(connection);
                    threads.add(Thread.ofVirtual().start(() -> serve(connection)));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            RecordReader reader = new RecordReader(connection);
            byte[] record;
            while ((record = reader.read()) != null) {
                DecodedMessage message = GssProxyMessages.decodeMessage(record, 0, record.length, Optional.empty(),
                        XdrLimits.DEFAULT);
                DecodedMessage.Args args = (DecodedMessage.Args) message.body();
                Call call = new Call(args.procedure(), args.args());
                calls.add(call);
                switch (script.apply(call)) {
                    case Answer answer -> {
                        byte[] reply = GssProxyMessages.encodeReply(message.header().xid(), call.procedure(),
                                answer.result(), GssProxyMessages.MAX_RECORD);
                        ByteBuffer out = ByteBuffer.wrap(reply);
                        while (out.hasRemaining()) {
                            connection.write(out);
                        }
                    }
                    case Hangup hangup -> {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the client went away, or dropConnections() closed this one
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Closes every open connection and waits until their threads are done; new connections are still served. */
    void dropConnections() throws IOException {
        List<SocketChannel> open;
        List<Thread> running;
        synchronized (threads) {
            open = List.copyOf(connections);
            connections.clear();
            running = threads.subList(1, threads.size()).stream().toList();
        }
        for (SocketChannel connection : open) {
            connection.close();
        }
        join(running);
    }

    private static void join(List<Thread> running) {
        try {
            for (Thread thread : running) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        Throwable error = failure.get();
        if (error != null) {
            throw new AssertionError("the fake daemon's script failed", error);
        }
    }
}
