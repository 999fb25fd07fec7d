package dev.gssproxy4j.it;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResGetMic;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.protocol.proc.ResVerifyMic;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.rpc.RecordWriter;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A relay between a client and the daemon's socket that passes every record through unchanged and keeps each
 * {@code gssx_ctx} the daemon's replies carried, with the procedure it answered (replies are matched to calls by
 * xid). Shows what a client's process received, not only what it kept.
 */
final class ContextTap implements AutoCloseable {

    /** One context handle a reply carried. */
    record Seen(Procedure procedure, GssxCtx context) {}

    private final Path socket;
    private final Path daemon;
    private final ServerSocketChannel server;
    private final List<Seen> seen = new ArrayList<>();
    private final List<SocketChannel> open = new ArrayList<>();

    private ContextTap(Path socket, Path daemon, ServerSocketChannel server) {
        this.socket = socket;
        this.daemon = daemon;
        this.server = server;
    }

    /** Listens on {@code socket} and relays each connection to {@code daemon}. */
    static ContextTap start(Path socket, Path daemon) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        ContextTap tap = new ContextTap(socket, daemon, server);
        Thread.ofPlatform().daemon().name("context-tap").start(tap::acceptLoop);
        return tap;
    }

    Path socket() {
        return socket;
    }

    /** Every context handle seen so far, in the order the replies came. */
    List<Seen> contexts() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(daemon));
                synchronized (open) {
                    open.add(client);
                    open.add(upstream);
                }
                Map<Integer, Procedure> calls = new ConcurrentHashMap<>();
                Thread.ofPlatform().daemon().start(() -> relay(client, upstream, calls, true));
                Thread.ofPlatform().daemon().start(() -> relay(upstream, client, calls, false));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void relay(SocketChannel from, SocketChannel to, Map<Integer, Procedure> calls, boolean towardDaemon) {
        RecordReader reader = new RecordReader(from, GssProxyMessages.MAX_RECORD);
        try {
            for (byte[] record = reader.read(); record != null; record = reader.read()) {
                DecodedMessage message = GssProxyMessages.decodeMessage(record, 0, record.length,
                        towardDaemon ? Optional.empty() : Optional.ofNullable(calls.remove(xid(record))),
                        XdrLimits.DEFAULT);
                if (message.body() instanceof DecodedMessage.Args args) {
                    calls.put(message.header().xid(), args.procedure());
                } else if (message.body() instanceof DecodedMessage.Results results) {
                    context(results.result()).ifPresent(ctx -> {
                        synchronized (seen) {
                            seen.add(new Seen(results.procedure(), ctx));
                        }
                    });
                }
                ByteBuffer out = ByteBuffer.wrap(RecordWriter.frame(record));
                while (out.hasRemaining()) {
                    to.write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the other side closed, or a record the test does not need to see
        }
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    private static int xid(byte[] record) {
        return ByteBuffer.wrap(record).getInt(0);
    }

    private static Optional<GssxCtx> context(GssxRes result) {
        return switch (result) {
            case ResInitSecContext r -> r.contextHandle();
            case ResAcceptSecContext r -> r.contextHandle();
            case ResWrap r -> r.contextHandle();
            case ResUnwrap r -> r.contextHandle();
            case ResGetMic r -> r.contextHandle();
            case ResVerifyMic r -> r.contextHandle();
            default -> Optional.empty();
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (SocketChannel channel : open) {
                channel.close();
            }
        }
    }
}
