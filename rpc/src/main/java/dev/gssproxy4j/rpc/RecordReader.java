package dev.gssproxy4j.rpc;

import dev.gssproxy4j.rpc.RecordMarkingException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Reads records framed with RFC 5531 section 11 record marking: each fragment starts with a 4-byte big-endian
 * header whose bit 31 marks the last fragment and whose low 31 bits give the fragment's length. Fragments are
 * reassembled; the total is checked against the maximum record size before the fragment's bytes are allocated,
 * so a hostile length costs nothing.
 */
public final class RecordReader {

    /** Upstream's MAX_RPC_SIZE ({@code src/gp_common.h}): 1 MiB in each direction. */
    public static final int DEFAULT_MAX_RECORD = 1 << 20;

    private static final int LAST_FRAGMENT = 0x8000_0000;

    private final ReadableByteChannel channel;
    private final int maxRecord;
    private final ByteBuffer mark = ByteBuffer.allocate(4);

    public RecordReader(ReadableByteChannel channel, int maxRecord) {
        this.channel = channel;
        this.maxRecord = maxRecord;
    }

    public RecordReader(ReadableByteChannel channel) {
        this(channel, DEFAULT_MAX_RECORD);
    }

    /**
     * The next whole record (without marks), or null if the stream ended cleanly between records.
     *
     * @throws RecordMarkingException if the stream ends inside a record or the record exceeds the maximum
     */
    public byte[] read() throws IOException {
        byte[] record = null;
        int length = 0;
        while (true) {
            mark.clear();
            if (!fill(mark, record == null)) {
                return null;
            }
            int header = mark.getInt(0);
            int fragment = header & ~LAST_FRAGMENT;
            if ((long) length + fragment > maxRecord) {
                throw new RecordMarkingException(Reason.TOO_LARGE, "record of at least " + ((long) length + fragment)
                        + " bytes exceeds the maximum of " + maxRecord + " bytes");
            }
            record = record == null ? new byte[fragment] : Arrays.copyOf(record, length + fragment);
            ByteBuffer body = ByteBuffer.wrap(record, length, fragment);
            fill(body, false);
            length += fragment;
            if ((header & LAST_FRAGMENT) != 0) {
                return record;
            }
        }
    }

    /** Fills {@code buffer}; returns false only if the stream ended before its first byte and that is allowed. */
    private boolean fill(ByteBuffer buffer, boolean eofAllowedAtStart) throws IOException {
        boolean started = false;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (!started && eofAllowedAtStart && buffer.position() == 0) {
                    return false;
                }
                throw new RecordMarkingException(Reason.TRUNCATED,
                        "stream ended inside a record (" + buffer.remaining() + " bytes missing)");
            }
            started = true;
        }
        return true;
    }
}
