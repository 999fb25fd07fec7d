package dev.gssproxy4j.rpc;

import dev.gssproxy4j.rpc.RecordMarkingException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Assembles RFC 5531 section 11 records from bytes as they arrive, for a server that reads many connections without
 * a thread each. Unlike {@link RecordReader}, memory follows the bytes received, never the length a record mark
 * announces: a peer that announces 1 MiB and sends nothing holds a few bytes. Limits as {@link RecordReader}: a
 * record of at most {@code maxRecord} bytes in at most {@link RecordReader#MAX_FRAGMENTS} fragments. Not
 * thread-safe: one connection's bytes, fed in order.
 */
public final class RecordAssembler {

    /**
     * Memory a server lets one connection's records hold: asked before the assembler's buffer grows, given back
     * when the server is done with a record ({@link #releaseCompleted()}) or the connection ({@link #releaseAll()}).
     */
    public interface Budget {
        /** Takes {@code bytes} more; false if that is over the budget. */
        boolean reserve(int bytes);

        void release(int bytes);

        /** No limit. */
        Budget UNLIMITED = new Budget() {
            @Override
            public boolean reserve(int bytes) {
                return true;
            }

            @Override
            public void release(int bytes) {
                // nothing was counted
            }
        };
    }

    private static final int LAST_FRAGMENT = 0x8000_0000;
    /** First allocation for a record's bytes; most requests (1-3 kB) fit without growing. */
    private static final int INITIAL_BYTES = 4096;

    private final int maxRecord;
    private final Budget budget;
    /** Bytes reserved from the budget for the record in progress. */
    private int reserved;
    /** Bytes reserved for the last completed record, until the server is done with it. */
    private int reservedForCompleted;
    private final byte[] mark = new byte[4];
    private int markFilled;
    private byte[] record;
    private int length;
    /** Bytes still to come in the current fragment, once its mark is complete. */
    private int fragmentRemaining;
    private boolean lastFragment;
    private int fragments;
    private boolean inFragment;

    public RecordAssembler(int maxRecord) {
        this(maxRecord, Budget.UNLIMITED);
    }

    public RecordAssembler(int maxRecord, Budget budget) {
        this.maxRecord = maxRecord;
        this.budget = budget;
    }

    /** Gives back what the last completed record held, once the server has answered it. */
    public void releaseCompleted() {
        budget.release(reservedForCompleted);
        reservedForCompleted = 0;
    }

    /**
     * Hands what the last completed record holds over to the caller, who gives it back to the budget itself when
     * done with the record: a server that answers several records of one connection at once keeps each record's
     * bytes counted until that record is answered, not only until the next one completes.
     *
     * @return the bytes to give back with {@link Budget#release(int)}
     */
    public int takeCompleted() {
        int held = reservedForCompleted;
        reservedForCompleted = 0;
        return held;
    }

    /** Gives back everything, when the connection closes. */
    public void releaseAll() {
        releaseCompleted();
        budget.release(reserved);
        reserved = 0;
        record = null;
    }

    /**
     * Consumes bytes of {@code in} until a record is complete (returned, without marks, with the rest of {@code in}
     * left unconsumed) or {@code in} is empty (null).
     *
     * @throws RecordMarkingException if the record would exceed the maximum size or number of fragments
     */
    public byte[] feed(ByteBuffer in) throws RecordMarkingException {
        while (in.hasRemaining()) {
            if (!inFragment) {
                int n = Math.min(4 - markFilled, in.remaining());
                in.get(mark, markFilled, n);
                markFilled += n;
                if (markFilled < 4) {
                    return null;
                }
                startFragment();
                if (fragmentRemaining == 0 && lastFragment) {
                    return finish();
                }
                continue;
            }
            int n = Math.min(fragmentRemaining, in.remaining());
            ensureCapacity(length + n, lastFragment && n == fragmentRemaining);
            in.get(record, length, n);
            length += n;
            fragmentRemaining -= n;
            if (fragmentRemaining == 0) {
                inFragment = false;
                markFilled = 0;
                if (lastFragment) {
                    return finish();
                }
            }
        }
        return null;
    }

    /** True while a record has begun (at least one byte of it arrived) and is not complete. */
    public boolean inRecord() {
        return markFilled > 0 || inFragment || fragments > 0;
    }

    /** Bytes this assembler holds for the record in progress (its buffer's capacity). */
    public int bufferedCapacity() {
        return record == null ? 0 : record.length;
    }

    private void startFragment() throws RecordMarkingException {
        int header = ByteBuffer.wrap(mark).getInt();
        int fragment = header & ~LAST_FRAGMENT;
        lastFragment = (header & LAST_FRAGMENT) != 0;
        fragments++;
        if ((long) length + fragment > maxRecord) {
            throw new RecordMarkingException(Reason.TOO_LARGE, "record of at least " + ((long) length + fragment)
                    + " bytes exceeds the maximum of " + maxRecord + " bytes");
        }
        if (!lastFragment && fragments == RecordReader.MAX_FRAGMENTS) {
            throw new RecordMarkingException(Reason.FRAGMENTED, "record split into more than "
                    + RecordReader.MAX_FRAGMENTS + " fragments");
        }
        fragmentRemaining = fragment;
        inFragment = fragment > 0;
        if (!inFragment) {
            markFilled = 0;
        }
    }

    /**
     * Grows by doubling as bytes arrive, up to the maximum record size, within the budget. A record whose bytes
     * are all here ({@code complete}) when its buffer is first made gets exactly its size: no growth, no copy.
     */
    private void ensureCapacity(int needed, boolean complete) throws RecordMarkingException {
        int current = record == null ? 0 : record.length;
        if (current >= needed) {
            return;
        }
        int capacity = record == null ? Math.min(maxRecord, complete ? needed : Math.max(needed, INITIAL_BYTES))
                : (int) Math.min(maxRecord, Math.max(needed, 2L * current));
        if (!budget.reserve(capacity - current)) {
            throw new RecordMarkingException(Reason.TOO_LARGE, "a record of " + needed + " bytes so far does not fit"
                    + " in the memory this connection's uid may use for requests");
        }
        reserved += capacity - current;
        record = record == null ? new byte[capacity] : Arrays.copyOf(record, capacity);
    }

    private byte[] finish() {
        releaseCompleted();
        reservedForCompleted = reserved;
        reserved = 0;
        byte[] done = record == null ? new byte[0] : record.length == length ? record : Arrays.copyOf(record, length);
        record = null;
        length = 0;
        fragments = 0;
        markFilled = 0;
        inFragment = false;
        lastFragment = false;
        return done;
    }
}
