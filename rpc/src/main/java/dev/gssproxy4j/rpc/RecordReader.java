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
 * so a length over the maximum costs nothing, but one within it is allocated at the mark. That suits a client
 * reading its own daemon's replies; a server reading untrusted peers uses {@link RecordAssembler}, whose memory
 * follows the bytes received.
 *
 * <p>It reads ahead up to {@value #READ_AHEAD} bytes at a time, so that a usual reply costs one read, mark and body
 * together; bytes past the record stay for the next {@link #read()}. It must therefore be the channel's only reader.
 */
public final class RecordReader {

    /** Upstream's MAX_RPC_SIZE ({@code src/gp_common.h}): 1 MiB in each direction. */
    public static final int DEFAULT_MAX_RECORD = 1 << 20;

    private static final int LAST_FRAGMENT = 0x8000_0000;
    /**
     * Fragments one record may have. Every real GSS-Proxy peer sends one; the cap stops a peer from streaming
     * endless empty fragments, each of which would otherwise cost a loop turn forever.
     */
    public static final int MAX_FRAGMENTS = 64;

    /** Bytes read at a time when a record's remaining bytes are fewer: any usual GSS-Proxy reply. */
    static final int READ_AHEAD = 8192;

    private final ReadableByteChannel channel;
    private final int maxRecord;
    private final ByteBuffer mark = ByteBuffer.allocate(4);
    /** Bytes read but not yet delivered, between position and limit. */
    private final ByteBuffer ahead = ByteBuffer.allocate(READ_AHEAD).flip();

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
        for (int fragments = 1; ; fragments++) {
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
            boolean last = (header & LAST_FRAGMENT) != 0;
            if (!last && fragments == MAX_FRAGMENTS) {
                throw new RecordMarkingException(Reason.FRAGMENTED, "record split into more than " + MAX_FRAGMENTS
                        + " fragments");
            }
            record = grow(record, length + fragment, last);
            fill(ByteBuffer.wrap(record, length, fragment), false);
            length += fragment;
            if (last) {
                return record.length == length ? record : Arrays.copyOf(record, length);
            }
        }
    }

    /**
     * Room for {@code needed} bytes: exact for the last fragment, else doubling (capped at the maximum), so that
     * many small fragments cost linear, not quadratic, copying.
     */
    private byte[] grow(byte[] record, int needed, boolean last) {
        if (record == null) {
            return new byte[needed];
        }
        if (record.length >= needed) {
            return record;
        }
        int capacity = last ? needed : (int) Math.min(maxRecord, Math.max(needed, 2L * record.length));
        return Arrays.copyOf(record, capacity);
    }

    /**
     * Fills {@code buffer} from the bytes read ahead, then the channel (straight into {@code buffer} when it needs
     * more than a read-ahead); returns false only if the stream ended before its first byte and that is allowed.
     */
    private boolean fill(ByteBuffer buffer, boolean eofAllowedAtStart) throws IOException {
        boolean started = false;
        while (buffer.hasRemaining()) {
            if (!ahead.hasRemaining()) {
                boolean direct = buffer.remaining() >= READ_AHEAD;
                if (!direct) {
                    ahead.clear();
                }
                int n = channel.read(direct ? buffer : ahead);
                if (!direct) {
                    ahead.flip();
                }
                if (n < 0) {
                    if (!started && eofAllowedAtStart && buffer.position() == 0) {
                        return false;
                    }
                    throw new RecordMarkingException(Reason.TRUNCATED,
                            "stream ended inside a record (" + buffer.remaining() + " bytes missing)");
                }
                started = true;
                if (direct) {
                    continue;
                }
            }
            int count = Math.min(ahead.remaining(), buffer.remaining());
            buffer.put(buffer.position(), ahead, ahead.position(), count);
            buffer.position(buffer.position() + count);
            ahead.position(ahead.position() + count);
        }
        return true;
    }
}
