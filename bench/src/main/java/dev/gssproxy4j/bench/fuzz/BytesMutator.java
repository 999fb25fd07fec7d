package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.xdr.Opaque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mutations of any byte string, without knowing what it holds: bit flips, truncation, extension, random bytes,
 * lengths at the boundaries decoders and MIT's parsers branch on, a trailing NUL added or removed (GSS-Proxy peers
 * disagree about NULs, see {@code shared/wire/README.md}), and a value or a splice from another call.
 */
final class BytesMutator {

    /** Lengths where length-prefixed parsers and buffer arithmetic change behaviour. */
    private static final int[] BOUNDARY_LENGTHS = {0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 127, 128, 255, 256, 1023,
            1024, 4095, 4096, 65535, 65536};
    /** Upstream's MAX_RPC_SIZE less a little: the largest opaque a record can still carry. */
    private static final int NEAR_RECORD_LIMIT = (1 << 20) - 256;
    private static final byte[] INTERESTING_BYTES = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xff, 0x04, 0x06,
            0x60, 0x2a};

    private final Material material;

    BytesMutator(Material material) {
        this.material = material;
    }

    Change mutate(Opaque current, String field, SplittableRandom random) {
        byte[] bytes = current.toByteArray();
        return switch (random.nextInt(11)) {
            case 0 -> change(bitFlips(bytes, random), "bitflip");
            case 1 -> change(Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length)), "truncate");
            case 2 -> change(concat(bytes, randomBytes(random, 1 + random.nextInt(64))), "extend");
            case 3 -> change(concat(bytes, new byte[] {INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]}),
                    "trailing-byte");
            case 4 -> change(randomBytes(random, random.nextInt(2 * bytes.length + 17)), "random-bytes");
            case 5 -> boundaryLength(bytes, random);
            case 6 -> toggleNul(bytes);
            case 7 -> material.opaque(field, random).map(other -> new Change(other, "swap-from-other-call"))
                    .orElseGet(() -> change(randomBytes(random, 16), "random-bytes"));
            case 8 -> splice(bytes, field, random);
            case 9 -> change(setByte(bytes, random), "interesting-byte");
            default -> change(new byte[0], "empty");
        };
    }

    private Change boundaryLength(byte[] bytes, SplittableRandom random) {
        // Rarely: nearly a whole record, which reaches the size limits instead of the parsers.
        int length = random.nextInt(40) == 0 ? NEAR_RECORD_LIMIT
                : BOUNDARY_LENGTHS[random.nextInt(BOUNDARY_LENGTHS.length)];
        byte[] sized = new byte[length];
        if (bytes.length > 0) {
            for (int i = 0; i < length; i++) {
                sized[i] = bytes[i % bytes.length];
            }
        }
        return change(sized, "length-" + (length == NEAR_RECORD_LIMIT ? "near-1MiB" : length));
    }

    private Change splice(byte[] bytes, String field, SplittableRandom random) {
        byte[] other = material.opaque(field, random).map(Opaque::toByteArray).orElse(new byte[0]);
        int head = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
        int tail = other.length == 0 ? 0 : random.nextInt(other.length + 1);
        return change(concat(Arrays.copyOf(bytes, head), Arrays.copyOfRange(other, tail, other.length)), "splice");
    }

    private static Change toggleNul(byte[] bytes) {
        if (bytes.length > 0 && bytes[bytes.length - 1] == 0) {
            return change(Arrays.copyOf(bytes, bytes.length - 1), "drop-nul");
        }
        return change(Arrays.copyOf(bytes, bytes.length + 1), "add-nul");
    }

    static byte[] bitFlips(byte[] bytes, SplittableRandom random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] flipped = bytes.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int bit = random.nextInt(flipped.length * 8);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return flipped;
    }

    private static byte[] setByte(byte[] bytes, SplittableRandom random) {
        if (bytes.length == 0) {
            return new byte[] {INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]};
        }
        byte[] changed = bytes.clone();
        changed[random.nextInt(changed.length)] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
        return changed;
    }

    static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static Change change(byte[] bytes, String what) {
        return new Change(Opaque.of(bytes), what);
    }
}
