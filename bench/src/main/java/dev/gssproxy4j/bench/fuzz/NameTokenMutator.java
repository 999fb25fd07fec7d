package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mutations of exported name tokens, RFC 2743 section 3.2 ({@code 04 01}, 2-byte mechanism OID length, DER OID,
 * 4-byte name length, name) and MIT's composite form ({@code 04 02}, the same header then attributes). These are
 * the names the daemon passes to {@code gss_import_name} as GSS_C_NT_EXPORT_NAME, where MIT 1.20 asserts on
 * inconsistent lengths (one trailing byte after the name is enough), so each header field gets its own
 * off-by-one and extreme values.
 */
final class NameTokenMutator {

    private static final int OID_LENGTH_AT = 2;
    private static final int OID_AT = 4;

    private NameTokenMutator() {
    }

    /** Whether {@code bytes} start like an exported name token, i.e. the structural mutations apply. */
    static boolean looksLikeToken(Opaque bytes) {
        return bytes.length() >= OID_AT + 4 && bytes.byteAt(0) == 0x04
                && (bytes.byteAt(1) == 0x01 || bytes.byteAt(1) == 0x02);
    }

    static Change mutate(Opaque current, SplittableRandom random) {
        byte[] token = current.toByteArray();
        int oidLength = ((token[OID_LENGTH_AT] & 0xff) << 8) | (token[OID_LENGTH_AT + 1] & 0xff);
        int nameLengthAt = OID_AT + oidLength;
        boolean hasNameLength = nameLengthAt + 4 <= token.length;
        return switch (random.nextInt(hasNameLength ? 10 : 6)) {
            case 0 -> change(BytesMutator.concat(token, new byte[] {(byte) random.nextInt(256)}),
                    "exported-name-trailing-byte");
            case 1 -> change(withShort(token, OID_LENGTH_AT, oidLength + 1), "exported-name-oid-length+1");
            case 2 -> change(withShort(token, OID_LENGTH_AT, Math.max(0, oidLength - 1)),
                    "exported-name-oid-length-1");
            case 3 -> change(withShort(token, OID_LENGTH_AT, random.nextBoolean() ? 0 : 0xffff),
                    "exported-name-oid-length-extreme");
            case 4 -> change(withTokenId(token, random), "exported-name-token-id");
            case 5 -> change(Arrays.copyOf(token, 2 + random.nextInt(Math.min(token.length, nameLengthAt + 4) - 1)),
                    "exported-name-cut-in-header");
            case 6 -> change(withInt(token, nameLengthAt, nameLength(token, nameLengthAt) + 1),
                    "exported-name-length+1");
            case 7 -> change(withInt(token, nameLengthAt, nameLength(token, nameLengthAt) - 1),
                    "exported-name-length-1");
            case 8 -> change(withInt(token, nameLengthAt, random.nextBoolean() ? -1 : Integer.MAX_VALUE),
                    "exported-name-length-extreme");
            default -> change(withInt(token, nameLengthAt, 0), "exported-name-length-0");
        };
    }

    private static int nameLength(byte[] token, int at) {
        return ByteBuffer.wrap(token, at, 4).getInt();
    }

    private static byte[] withShort(byte[] token, int at, int value) {
        byte[] changed = token.clone();
        changed[at] = (byte) (value >>> 8);
        changed[at + 1] = (byte) value;
        return changed;
    }

    private static byte[] withInt(byte[] token, int at, int value) {
        byte[] changed = token.clone();
        ByteBuffer.wrap(changed, at, 4).putInt(value);
        return changed;
    }

    private static byte[] withTokenId(byte[] token, SplittableRandom random) {
        byte[] changed = token.clone();
        byte[][] ids = {{0x04, 0x02}, {0x04, 0x01}, {0x01, 0x04}, {0x00, 0x00}, {0x04, 0x03}};
        byte[] id = ids[random.nextInt(ids.length)];
        changed[0] = id[0];
        changed[1] = id[1];
        return changed;
    }

    private static Change change(byte[] bytes, String what) {
        return new Change(Opaque.of(bytes), what);
    }
}
