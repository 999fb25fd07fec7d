package dev.gssproxy4j.bench.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Byte-level mutations of a whole encoded record (RFC 5531 record mark, 40-byte call header, XDR arguments), for
 * the layers below the codec: the record mark (too short, too long, not the last fragment, over 1 MiB, split
 * into two fragments), each header word (xid, message type, RPC version, program, version, procedure, credential
 * and verifier flavors and lengths), XDR length words inside the arguments, truncation and trailing bytes.
 *
 * <p>Several of these leave the record mark disagreeing with the bytes sent, after which a peer cannot find the
 * next record; {@link #framingIntact} tells, and such records go on a connection of their own that is
 * half-closed after the write, so the daemon sees end-of-file instead of waiting for bytes that never come.
 */
final class RecordMutator {

    /** Byte offsets of the call header words (record mark included, AUTH_NONE credential and verifier). */
    private static final int MARK = 0;
    private static final int[] HEADER_WORDS = {4, 8, 12, 16, 20, 24, 28, 32, 36, 40};
    private static final String[] HEADER_NAMES = {"xid", "msg_type", "rpcvers", "prog", "vers", "proc",
            "cred_flavor", "cred_length", "verf_flavor", "verf_length"};
    private static final int ARGS_AT = 44;
    private static final int[] WORD_VALUES = {0, 1, 2, 3, 5, 16, 400, 401, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff,
            0x0010_0000, 400112, 400113};

    private RecordMutator() {
    }

    /**
     * @param record the mutated bytes, mark included
     * @param what   the kind of mutation, e.g. {@code mark-longer} or {@code header-proc}
     */
    record Result(byte[] record, String what) {
    }

    static Result mutate(byte[] record, SplittableRandom random) {
        if (record.length < 4) {
            return new Result(BytesMutator.concat(record, BytesMutator.randomBytes(random, 1 + random.nextInt(8))),
                    "extend-short-record");
        }
        return switch (random.nextInt(8)) {
            case 0, 1 -> mark(record, random);
            case 2, 3 -> header(record, random);
            case 4, 5 -> lengthWord(record, random);
            case 6 -> truncate(record, random);
            default -> trailing(record, random);
        };
    }

    private static Result mark(byte[] record, SplittableRandom random) {
        int length = record.length - 4;
        return switch (random.nextInt(6)) {
            case 0 -> new Result(withWord(record, MARK, 0x8000_0000 | (length + 1 + random.nextInt(8))),
                    "mark-longer");
            case 1 -> new Result(withWord(record, MARK, 0x8000_0000 | Math.max(0, length - 1 - random.nextInt(8))),
                    "mark-shorter");
            case 2 -> new Result(withWord(record, MARK, length), "mark-not-last-fragment");
            case 3 -> new Result(withWord(record, MARK, 0x8010_0001), "mark-over-1MiB");
            case 4 -> new Result(withWord(record, MARK, 0x8000_0000), "mark-zero-length");
            default -> new Result(twoFragments(record, random), "mark-two-fragments");
        };
    }

    /** The same message as two fragments: valid RFC 5531 framing that every real peer sends as one. */
    private static byte[] twoFragments(byte[] record, SplittableRandom random) {
        int length = record.length - 4;
        int first = length == 0 ? 0 : random.nextInt(length);
        ByteBuffer split = ByteBuffer.allocate(record.length + 4);
        split.putInt(first).put(record, 4, first).putInt(0x8000_0000 | (length - first))
                .put(record, 4 + first, length - first);
        return split.array();
    }

    private static Result header(byte[] record, SplittableRandom random) {
        if (record.length < ARGS_AT) {
            return truncate(record, random);
        }
        int word = random.nextInt(HEADER_WORDS.length);
        int value = word == 0 ? random.nextInt() : WORD_VALUES[random.nextInt(WORD_VALUES.length)];
        // A credential or verifier length above 0 swallows argument bytes: still one whole record.
        return new Result(withWord(record, HEADER_WORDS[word], value), "header-" + HEADER_NAMES[word]);
    }

    /**
     * One 4-aligned word of the arguments that could be an XDR length (not more than the bytes after it, plus a
     * little) set to a boundary value: the decoder must check it against what is left before it allocates.
     */
    private static Result lengthWord(byte[] record, SplittableRandom random) {
        int words = (record.length - ARGS_AT) / 4;
        if (words <= 0) {
            return header(record, random);
        }
        int start = random.nextInt(words);
        for (int n = 0; n < words; n++) {
            int at = ARGS_AT + 4 * ((start + n) % words);
            int value = ByteBuffer.wrap(record, at, 4).getInt();
            if (value >= 0 && value <= record.length - at) {
                int[] candidates = {value + 1, value - 1, value + 4, record.length - at, 0xffff_ffff, 0x7fff_ffff,
                        0x8000_0000, 0x0010_0000, 0};
                return new Result(withWord(record, at, candidates[random.nextInt(candidates.length)]),
                        "xdr-length-word");
            }
        }
        return header(record, random);
    }

    private static Result truncate(byte[] record, SplittableRandom random) {
        int keep = 4 + random.nextInt(Math.max(1, record.length - 4));
        byte[] cut = Arrays.copyOf(record, keep);
        if (random.nextBoolean()) {
            return new Result(withWord(cut, MARK, 0x8000_0000 | (keep - 4)), "truncate-args");
        }
        return new Result(cut, "truncate-record");
    }

    private static Result trailing(byte[] record, SplittableRandom random) {
        byte[] extra = BytesMutator.randomBytes(random, 1 + random.nextInt(16));
        byte[] longer = BytesMutator.concat(record, extra);
        return new Result(withWord(longer, MARK, 0x8000_0000 | (longer.length - 4)), "trailing-bytes");
    }

    /**
     * Whether {@code record} is a sequence of fragments that ends exactly with a last fragment (at most 64, as the
     * daemon allows): then the daemon can read it whole and must answer or close, and anything else is a hang.
     * Otherwise it may legitimately wait for bytes that never come, so the record must be sent half-closed.
     */
    static boolean framingIntact(byte[] record) {
        int at = 0;
        for (int fragments = 1; fragments <= 64 && at + 4 <= record.length; fragments++) {
            int mark = ByteBuffer.wrap(record, at, 4).getInt();
            long end = at + 4L + (mark & 0x7fff_ffffL);
            if (end > record.length) {
                return false;
            }
            at = (int) end;
            if (mark < 0) {
                return at == record.length;
            }
        }
        return false;
    }

    private static byte[] withWord(byte[] record, int at, int value) {
        byte[] changed = record.clone();
        if (at + 4 <= changed.length) {
            ByteBuffer.wrap(changed, at, 4).putInt(value);
        }
        return changed;
    }
}
