package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.rpc.RecordAssembler;
import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client connection: bytes assembled into records as they arrive, each record's call run by a worker and its
 * reply written as soon as it is ready. A client may send several calls before reading replies (the kernel's RPC
 * client does): up to {@link TransportLimits#callsPerConnection()} of them run at once, on different workers, and
 * their replies go out in the order the calls end, each carrying its call's xid (RFC 5531 section 9 lets a server
 * answer in any order). A client that sends one call at a time (the interposer, which pairs replies with calls by
 * order) gets its replies in order: it has one call in flight. A connection holds no thread while it waits: a
 * {@link Worker} reads it while it has bytes, then parks it in the {@link IdlePark}. A framing error, a
 * {@link Transport.Drop}, a peer that does not read its replies within the write deadline, or a record that does not
 * arrive whole within the read deadline closes it; end-of-file closes it once the calls in flight are answered.
 *
 * <h2>Who owns what, and when</h2>
 * <ul>
 *   <li><b>Reading the channel, the record assembler and the leftover bytes</b> belong to whoever holds the read
 *       role, which {@link Pipeline} hands from one holder to the next under its lock (so each holder sees what the
 *       previous one wrote). A worker that completes a record gives the role away before it runs the call, and
 *       touches neither the assembler nor the leftover bytes again unless {@link Pipeline#endCall} gives the role
 *       back to it.</li>
 *   <li><b>A call's record and the request memory it holds</b> belong to the worker that runs the call, which gives
 *       the memory back once the reply is written or discarded, so in-flight records stay counted against their
 *       uid's budget ({@link RecordAssembler#takeCompleted()}).</li>
 *   <li><b>Writing the channel</b> happens only under the {@link ReplyWriter}'s lock, one whole reply at a time.</li>
 *   <li><b>Closing</b> may come from any thread (a Drop, a failed write, the park's sweep, the reader): it goes
 *       through the server's closer once, marks the pipeline closed, and closes the channel, which makes any other
 *       thread's read or write on it fail. The read side is given back by its owner ({@link Pipeline#close}).</li>
 *   <li>The timestamps are volatile: readers and writers set them, the park's sweep reads them. {@link #parkKey} is
 *       touched only on the park's thread; each worker's selector key only on that worker's thread.</li>
 * </ul>
 */
final class Connection {

    /** What the reader does with the read role when it stops reading. */
    private enum Step { PARK, REQUEUE, CLOSE, LEAVE }

    private final SocketChannel channel;
    private final Transport.Origin origin;
    private final Serving serving;
    private final RecordAssembler.Budget memory;
    private final RecordAssembler assembler;
    private final Pipeline pipeline;
    private final ReplyWriter replies;
    /** Bytes read past a record when the reader gave up the role: the start of the next request(s). */
    private byte[] leftover;
    private volatile long lastActivityNanos;
    private volatile long recordStartNanos;
    /** The idle park's key, touched only by the park's thread. */
    SelectionKey parkKey;

    Connection(SocketChannel channel, Transport.Origin origin, Serving serving, RecordAssembler.Budget memory,
               long nowNanos) {
        this.channel = channel;
        this.origin = origin;
        this.serving = serving;
        this.memory = memory;
        this.assembler = new RecordAssembler(serving.limits().maxRecord(), memory);
        this.pipeline = new Pipeline(serving.limits().callsPerConnection());
        this.replies = new ReplyWriter(channel, serving.limits().writeDeadline());
        this.lastActivityNanos = nowNanos;
    }

    SocketChannel channel() {
        return channel;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    int uid() {
        return origin.caller().uid();
    }

    long id() {
        return origin.connectionId();
    }

    /** Serves the connection for {@code worker}, which took it from the ready queue, until the worker is done. */
    void serve(Worker worker) {
        if (!pipeline.take()) {
            closeAsReader();
            return;
        }
        Step next;
        try {
            next = read(worker);
        } catch (IOException e) {
            DaemonLog.debug(1, id(), "dropping connection: " + describe(e));
            next = Step.CLOSE;
        } catch (RuntimeException e) {
            // a defect of ours that a caller may be able to repeat: limited per uid, the class only
            DaemonLog.errorFrom(uid(), "connection failed", id(), "connection failed inside gssproxy4j: "
                    + e.getClass().getName());
            next = Step.CLOSE;
        }
        switch (next) {
            case PARK -> {
                if (pipeline.park()) {
                    serving.park().park(this);
                } else {
                    closeAsReader();
                }
            }
            case REQUEUE -> {
                if (pipeline.requeue()) {
                    serving.ready().offer(this);
                } else {
                    closeAsReader();
                }
            }
            case CLOSE -> closeAsReader();
            case LEAVE -> {
                // the read role is elsewhere: nothing of this connection is this worker's any more
            }
        }
    }

    /** Whether a begun record is overdue, or the connection idle for longer than the idle timeout (non-zero). */
    String overdue(long nowNanos) {
        TransportLimits limits = serving.limits();
        long started = recordStartNanos;
        if (started != 0 && nowNanos - started > limits.readDeadline().toNanos() && pipeline.parked()) {
            return "a record did not arrive whole within " + limits.readDeadline().toSeconds() + " s";
        }
        if (!limits.idleTimeout().isZero() && started == 0
                && nowNanos - lastActivityNanos > limits.idleTimeout().toNanos() && pipeline.parkedIdle()) {
            return "idle for " + limits.idleTimeout().toSeconds() + " s";
        }
        return null;
    }

    /**
     * Closes the connection; the server's closer calls this once. The read side is given back here if nobody holds
     * the read role, else by its holder; calls in flight finish and discard their replies.
     */
    void close() {
        if (pipeline.close()) {
            releaseReadSide();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the connection is being given up on; nothing left to do
        }
    }

    /** Reads records while the worker holds the read role; returns what to do with the role. */
    private Step read(Worker worker) throws IOException {
        ByteBuffer buffer = worker.buffer();
        restoreLeftover(buffer);
        boolean answered = false;
        while (true) {
            byte[] record = buffer.hasRemaining() ? feed(buffer) : null;
            if (record != null) {
                Step after = run(record, buffer, worker);
                if (after != null) {
                    return after;
                }
                if (serving.ready().hasWaiting()) { // others wait for a worker: take turns
                    return leftover == null ? Step.PARK : Step.REQUEUE;
                }
                restoreLeftover(buffer);
                answered = !buffer.hasRemaining() && !assembler.inRecord();
                continue;
            }
            if (answered) {
                // a client that waited for this reply has not sent its next call yet: wait for it rather than
                // first read nothing (one system call less per call; the wait returns at once if bytes are here)
                answered = false;
                if (!worker.linger(channel, serving.limits().linger())) {
                    return Step.PARK;
                }
            }
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                if (assembler.inRecord()) {
                    DaemonLog.debug(1, id(), "dropping connection: stream ended inside a record");
                }
                return pipeline.endOfStream() ? Step.CLOSE : Step.LEAVE;
            }
            if (n == 0 && (serving.ready().hasWaiting() || !worker.linger(channel, serving.limits().linger()))) {
                return Step.PARK;
            }
        }
    }

    /**
     * Runs the call of a completed record, giving the read role away for its duration (to the ready queue if the
     * next record's bytes are here, else to nobody, or to the park should the call last).
     *
     * @return null if the worker holds the read role again afterwards, else what it does next
     */
    private Step run(byte[] record, ByteBuffer buffer, Worker worker) {
        int held = assembler.takeCompleted();
        long now = System.nanoTime();
        lastActivityNanos = now;
        leftover = buffer.hasRemaining()
                ? Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit()) : null;
        switch (pipeline.beginCall(leftover != null, now)) {
            case QUEUE -> serving.ready().offer(this);
            case WATCH -> serving.park().watch(this);
            case NONE -> {
                // nobody reads until the park starts watching or a call ends
            }
            case CLOSED -> {
                memory.release(held);
                return Step.CLOSE;
            }
        }
        answer(record, held, worker); // without the read role: only the record, its memory and the writer
        return switch (pipeline.endCall()) {
            case READ -> null;
            case LEAVE -> Step.LEAVE;
            case CLOSE -> Step.CLOSE;
        };
    }

    /** Handles one record and sends its reply; closes the connection if the outcome or a failure says so. */
    private void answer(byte[] record, int held, Worker worker) {
        try {
            switch (serving.handler().handle(record, origin)) {
                case Transport.Reply reply -> send(reply.record(), worker);
                case Transport.ReplyAndClose reply -> {
                    send(reply.record(), worker);
                    DaemonLog.debug(1, id(), "closing connection after the reply: " + reply.reason());
                    serving.closer().close(this);
                }
                case Transport.Drop drop -> {
                    DaemonLog.debug(1, id(), "dropping connection: " + drop.reason());
                    serving.closer().close(this);
                }
            }
        } catch (IOException e) {
            DaemonLog.debug(1, id(), "dropping connection: " + describe(e));
            serving.closer().close(this);
        } catch (RuntimeException e) {
            DaemonLog.errorFrom(uid(), "connection failed", id(), "connection failed inside gssproxy4j: "
                    + e.getClass().getName());
            serving.closer().close(this);
        } finally {
            memory.release(held);
        }
    }

    private void send(byte[] reply, Worker worker) throws IOException {
        if (pipeline.isClosed()) {
            return; // another call closed the connection: nobody reads this reply
        }
        replies.write(reply, worker);
        lastActivityNanos = System.nanoTime();
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

    /** Puts the bytes read past the last record (if any) into the reader's empty buffer, ready to read. */
    private void restoreLeftover(ByteBuffer buffer) {
        buffer.clear();
        if (leftover != null) {
            buffer.put(leftover);
            leftover = null;
        }
        buffer.flip();
    }

    /** The reader found the connection closed or must close it: close, then give back the read side it owns. */
    private void closeAsReader() {
        serving.closer().close(this);
        pipeline.released();
        releaseReadSide();
    }

    private void releaseReadSide() {
        assembler.releaseAll();
        leftover = null;
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
