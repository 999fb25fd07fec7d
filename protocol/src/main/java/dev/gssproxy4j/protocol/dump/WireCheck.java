package dev.gssproxy4j.protocol.dump;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a whole record (mark, RPC header, arguments or results) and re-encodes it: a codec that is byte-exact
 * with real peers gives back the same bytes. Never throws for bad input.
 */
public final class WireCheck {

    private WireCheck() {}

    /** The outcome; {@link #describe()} is one line for the CLI. */
    public sealed interface Result permits Identical, Differs, DoesNotDecode {
        String describe();
    }

    /** Decoded and re-encoded to the same {@code length} bytes. */
    public record Identical(int length) implements Result {
        @Override
        public String describe() {
            return "identical: " + length + " bytes decode and re-encode byte for byte";
        }
    }

    /** Decoded, but the re-encoding differs first at {@code offset}. */
    public record Differs(int offset, int originalLength, int reencodedLength) implements Result {
        @Override
        public String describe() {
            return "differs at offset " + offset + " (original " + originalLength + " bytes, re-encoded "
                    + reencodedLength + " bytes)";
        }
    }

    /** Does not decode: {@code error} says what failed, at {@code offset} from the start of the record. */
    public record DoesNotDecode(int offset, String error) implements Result {
        @Override
        public String describe() {
            return "does not decode: " + error;
        }
    }

    /**
     * @param record the whole record, mark included
     * @param hint   the procedure of the call, needed to decode a SUCCESS reply's results
     */
    public static Result check(byte[] record, Optional<Procedure> hint) {
        if (record.length < RecordMark.MARK_BYTES) {
            return new DoesNotDecode(0, "at offset 0: only " + record.length
                    + " bytes, but a record starts with a 4-byte record mark");
        }
        RecordMark mark = RecordMark.of(record);
        List<String> problems = mark.problems();
        if (!problems.isEmpty()) {
            return new DoesNotDecode(0, "at offset 0: " + String.join("; ", problems));
        }
        DecodedMessage message;
        try {
            message = GssProxyMessages.decodeMessage(record, RecordMark.MARK_BYTES, record.length, hint,
                    XdrLimits.DEFAULT);
        } catch (XdrDecodeException e) {
            return new DoesNotDecode(e.offset(), e.getMessage());
        }
        byte[] reencoded = message.toRecord(GssProxyMessages.MAX_RECORD);
        int mismatch = Arrays.mismatch(record, reencoded);
        return mismatch < 0 ? new Identical(record.length) : new Differs(mismatch, record.length, reencoded.length);
    }
}
