package dev.gssproxy4j.bench.fuzz;

import java.util.SplittableRandom;

/**
 * Mutations of XDR integers ({@code hyper} times, flags, QOPs, sizes, channel-binding address types). GSS-API
 * keeps most of them as 32-bit {@code OM_uint32}, so the values that matter are those around the 32-bit and
 * 64-bit boundaries, where a narrowing conversion wraps or a signed comparison flips.
 */
final class NumberMutator {

    private static final long[] BOUNDARIES = {0, 1, -1, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 0x1_0000_0000L,
            Long.MIN_VALUE, Long.MAX_VALUE, 0xffff, 0x1_0000};
    private static final String[] NAMES = {"0", "1", "-1", "2^31-1", "2^31", "2^32-1", "2^32", "2^63", "2^63-1",
            "2^16-1", "2^16"};

    private NumberMutator() {
    }

    static Change mutate(long current, SplittableRandom random) {
        int pick = random.nextInt(BOUNDARIES.length + 3);
        if (pick < BOUNDARIES.length) {
            return new Change(BOUNDARIES[pick], "int=" + NAMES[pick]);
        }
        return switch (pick - BOUNDARIES.length) {
            case 0 -> new Change(current + 1, "int+1");
            case 1 -> new Change(current - 1, "int-1");
            default -> new Change(random.nextLong(), "int-random");
        };
    }
}
