package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.rpc.RecordReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A raw AF_UNIX connection to one daemon socket that sends arbitrary bytes and reads at most one reply record,
 * with a deadline. Unlike the project's client it never refuses to send what it is given and never interprets the
 * reply: the fuzzer must be able to send broken framing and to see exactly what came back, including nothing.
 */
final class FuzzConnection implements AutoCloseable {

    /** Replies above upstream's limit are read anyway, up to this, so that an oversized reply is seen as such. */
    private static final int MAX_REPLY = 4 << 20;
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /** What came back for one record. */
    sealed interface Reply permits Record, Closed, TimedOut {}

    /** One whole reply record, without its mark. */
    record Record(byte[] bytes) implements Reply {}

    /** The daemon closed the connection (or refused it) without a reply; {@code why} for the report. */
    record Closed(String why) implements Reply {}

    /** No reply and no close within the deadline. */
    record TimedOut() implements Reply {}

    private final SocketChannel channel;
    private final RecordReader reader;
    private final long daemonPid;

    private FuzzConnection(SocketChannel channel, long daemonPid) {
        this.channel = channel;
        this.reader = new RecordReader(channel, MAX_REPLY);
        this.daemonPid = daemonPid;
    }

    /** @throws IOException if the socket does not accept the connection */
    static FuzzConnection open(Path socket, long daemonPid) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new FuzzConnection(channel, daemonPid);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The daemon process this connection was made to (a restarted daemon has another). */
    long daemonPid() {
        return daemonPid;
    }

    /**
     * Writes {@code record} and reads one reply record.
     *
     * @param halfClose shut down the write side after writing, so the daemon sees end-of-file and cannot wait
     *                  for the rest of a record whose mark promised more
     */
    Reply exchange(byte[] record, boolean halfClose, Duration timeout) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = TIMER.schedule(() -> {
            expired.set(true);
            close();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ByteBuffer out = ByteBuffer.wrap(record);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            if (halfClose) {
                channel.shutdownOutput();
            }
            byte[] reply = reader.read();
            if (reply == null) {
                return expired.get() ? new TimedOut() : new Closed("end of stream");
            }
            return new Record(reply);
        } catch (RecordMarkingException e) {
            return expired.get() ? new TimedOut() : new Closed("broken reply framing: " + e.reason());
        } catch (IOException e) {
            return expired.get() ? new TimedOut() : new Closed(e.getClass().getSimpleName());
        } finally {
            deadline.cancel(false);
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to do: the connection is gone either way.
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("fuzz-call-deadline").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
