package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.rpc.RecordAssembler;
import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;

/**
 * One client connection: bytes assembled into records as they arrive, each record handed to the
 * {@link Transport.RecordHandler} and its reply written, in order (the interposer sends one request at a time and
 * matches replies by order). A connection holds no thread while it waits: a {@link Worker} serves it while it has
 * requests, then parks it in the {@link IdlePark}. A framing error, a {@link Transport.Drop}, a peer that does not
 * read its replies within the write deadline, or a record that does not arrive whole within the read deadline
 * closes it; nothing else does, and idle connections stay open unless an idle timeout is configured.
 */
final class Connection {

    /** What a worker does with the connection after serving it. */
    enum Next { PARK, REQUEUE, CLOSE }

    private final SocketChannel channel;
    private final Transport.Origin origin;
    private final RecordAssembler assembler;
    /** Bytes read past a record when the worker yielded its turn: the start of the next request(s). */
    private byte[] leftover;
    private volatile long lastRequestNanos;
    private volatile long recordStartNanos;
    /** The idle park's key, touched only by the park's thread. */
    SelectionKey parkKey;

    Connection(SocketChannel channel, Transport.Origin origin, int maxRecord, RecordAssembler.Budget memory,
               long nowNanos) {
        this.channel = channel;
        this.origin = origin;
        this.assembler = new RecordAssembler(maxRecord, memory);
        this.lastRequestNanos = nowNanos;
    }

    SocketChannel channel() {
        return channel;
    }

    int uid() {
        return origin.peer().uid();
    }

    long id() {
        return origin.connectionId();
    }

    /** Serves the requests that arrive while {@code worker} holds the connection. */
    Next serve(Worker worker, Transport.RecordHandler handler, ReadyQueue ready, TransportLimits limits)
            throws IOException {
        ByteBuffer buffer = worker.buffer();
        buffer.clear();
        if (leftover != null) {
            buffer.put(leftover);
            leftover = null;
        }
        buffer.flip();
        while (true) {
            byte[] record = buffer.hasRemaining() ? feed(buffer) : null;
            if (record != null) {
                lastRequestNanos = System.nanoTime();
                boolean keep;
                try {
                    keep = answer(record, worker, handler, limits);
                } finally {
                    assembler.releaseCompleted();
                }
                if (!keep) {
                    return Next.CLOSE;
                }
                if (ready.hasWaiting()) { // others wait for a worker: take turns
                    if (!buffer.hasRemaining()) {
                        return Next.PARK;
                    }
                    leftover = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
                    return Next.REQUEUE;
                }
                continue;
            }
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                if (assembler.inRecord()) {
                    DaemonLog.debug(1, id(), "dropping connection: stream ended inside a record");
                }
                return Next.CLOSE;
            }
            if (n == 0 && (ready.hasWaiting() || !worker.await(channel, SelectionKey.OP_READ, limits.linger()))) {
                return Next.PARK;
            }
        }
    }

    /** Whether a begun record is overdue, or the connection idle for longer than {@code idleTimeout} (non-zero). */
    String overdue(long nowNanos, TransportLimits limits) {
        long started = recordStartNanos;
        if (started != 0 && nowNanos - started > limits.readDeadline().toNanos()) {
            return "a record did not arrive whole within " + limits.readDeadline().toSeconds() + " s";
        }
        if (!limits.idleTimeout().isZero() && started == 0
                && nowNanos - lastRequestNanos > limits.idleTimeout().toNanos()) {
            return "idle for " + limits.idleTimeout().toSeconds() + " s";
        }
        return null;
    }

    void close() {
        assembler.releaseAll();
        try {
            channel.close();
        } catch (IOException ignored) {
            // the connection is being given up on; nothing left to do
        }
    }

    private byte[] feed(ByteBuffer buffer) throws RecordMarkingException {
        if (!assembler.inRecord()) {
            recordStartNanos = System.nanoTime();
        }
        byte[] record = assembler.feed(buffer);
        if (record != null) {
            recordStartNanos = 0;
        }
        return record;
    }

    /** Handles one record; false if the connection must close. */
    private boolean answer(byte[] record, Worker worker, Transport.RecordHandler handler, TransportLimits limits)
            throws IOException {
        return switch (handler.handle(record, origin)) {
            case Transport.Reply reply -> {
                write(reply.record(), worker, limits);
                yield true;
            }
            case Transport.ReplyAndClose reply -> {
                write(reply.record(), worker, limits);
                DaemonLog.debug(1, id(), "closing connection after the reply: " + reply.reason());
                yield false;
            }
            case Transport.Drop drop -> {
                DaemonLog.debug(1, id(), "dropping connection: " + drop.reason());
                yield false;
            }
        };
    }

    private void write(byte[] record, Worker worker, TransportLimits limits) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(record);
        long deadline = System.nanoTime() + limits.writeDeadline().toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.await(channel, SelectionKey.OP_WRITE, Duration.ofNanos(left))) {
                    throw new IOException("the peer did not read its reply within "
                            + limits.writeDeadline().toSeconds() + " s");
                }
            }
        }
    }
}
