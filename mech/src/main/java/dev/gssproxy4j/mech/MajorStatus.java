package dev.gssproxy4j.mech;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a GSS-API major status (RFC 2744 section 3.9.1): a calling error in bits 24-31, a routine error in
 * bits 16-23 and supplementary information bits in 0-15. Each constant carries its value and prints its C name;
 * {@link #describe(long)} renders a whole major status the same way, never as a bare number.
 *
 * <p>MIT defines {@code GSS_S_CRED_UNAVAIL} as an alias of {@link #GSS_S_FAILURE}, so it has no constant here.
 */
public enum MajorStatus {
    GSS_S_COMPLETE(Field.NONE, 0),

    GSS_S_CALL_INACCESSIBLE_READ(Field.CALLING, 1),
    GSS_S_CALL_INACCESSIBLE_WRITE(Field.CALLING, 2),
    GSS_S_CALL_BAD_STRUCTURE(Field.CALLING, 3),

    GSS_S_BAD_MECH(Field.ROUTINE, 1),
    GSS_S_BAD_NAME(Field.ROUTINE, 2),
    GSS_S_BAD_NAMETYPE(Field.ROUTINE, 3),
    GSS_S_BAD_BINDINGS(Field.ROUTINE, 4),
    GSS_S_BAD_STATUS(Field.ROUTINE, 5),
    /** Also known as GSS_S_BAD_MIC. */
    GSS_S_BAD_SIG(Field.ROUTINE, 6),
    GSS_S_NO_CRED(Field.ROUTINE, 7),
    GSS_S_NO_CONTEXT(Field.ROUTINE, 8),
    GSS_S_DEFECTIVE_TOKEN(Field.ROUTINE, 9),
    GSS_S_DEFECTIVE_CREDENTIAL(Field.ROUTINE, 10),
    GSS_S_CREDENTIALS_EXPIRED(Field.ROUTINE, 11),
    GSS_S_CONTEXT_EXPIRED(Field.ROUTINE, 12),
    GSS_S_FAILURE(Field.ROUTINE, 13),
    GSS_S_BAD_QOP(Field.ROUTINE, 14),
    GSS_S_UNAUTHORIZED(Field.ROUTINE, 15),
    GSS_S_UNAVAILABLE(Field.ROUTINE, 16),
    GSS_S_DUPLICATE_ELEMENT(Field.ROUTINE, 17),
    GSS_S_NAME_NOT_MN(Field.ROUTINE, 18),
    GSS_S_BAD_MECH_ATTR(Field.ROUTINE, 19),

    GSS_S_CONTINUE_NEEDED(Field.SUPPLEMENTARY, 0),
    GSS_S_DUPLICATE_TOKEN(Field.SUPPLEMENTARY, 1),
    GSS_S_OLD_TOKEN(Field.SUPPLEMENTARY, 2),
    GSS_S_UNSEQ_TOKEN(Field.SUPPLEMENTARY, 3),
    GSS_S_GAP_TOKEN(Field.SUPPLEMENTARY, 4);

    /** Which part of the 32-bit major status a constant occupies. */
    public enum Field { NONE, CALLING, ROUTINE, SUPPLEMENTARY }

    private static final long CALLING_MASK = 0xffL << 24;
    private static final long ROUTINE_MASK = 0xffL << 16;
    private static final long SUPPLEMENTARY_MASK = 0xffffL;
    /** The supplementary bits, looked at on every per-message call (values() would copy the whole array). */
    private static final MajorStatus[] SUPPLEMENTARY = Arrays.stream(values())
            .filter(s -> s.field == Field.SUPPLEMENTARY).toArray(MajorStatus[]::new);

    private final Field field;
    private final long value;

    MajorStatus(Field field, int code) {
        this.field = field;
        this.value = switch (field) {
            case NONE -> 0;
            case CALLING -> (long) code << 24;
            case ROUTINE -> (long) code << 16;
            case SUPPLEMENTARY -> 1L << code;
        };
    }

    public Field field() {
        return field;
    }

    /** The bits this constant stands for in a major status. */
    public long value() {
        return value;
    }

    /** True when {@code major} carries a calling or routine error ({@code GSS_ERROR()} in C). */
    public static boolean isError(long major) {
        return (major & (CALLING_MASK | ROUTINE_MASK)) != 0;
    }

    /** The routine error of {@code major}, if any and known. */
    public static Optional<MajorStatus> routineError(long major) {
        return find(Field.ROUTINE, major & ROUTINE_MASK);
    }

    /** The calling error of {@code major}, if any and known. */
    public static Optional<MajorStatus> callingError(long major) {
        return find(Field.CALLING, major & CALLING_MASK);
    }

    /** The supplementary bits set in {@code major}. */
    public static Set<MajorStatus> supplementary(long major) {
        Set<MajorStatus> set = EnumSet.noneOf(MajorStatus.class);
        for (MajorStatus s : SUPPLEMENTARY) {
            if ((major & s.value) != 0) {
                set.add(s);
            }
        }
        return set;
    }

    /** The most significant error of {@code major}: its routine error, else its calling error, else COMPLETE. */
    public static MajorStatus primary(long major) {
        return routineError(major).or(() -> callingError(major)).orElse(GSS_S_COMPLETE);
    }

    /** Names every field of {@code major}, e.g. {@code GSS_S_FAILURE|GSS_S_CONTINUE_NEEDED}. */
    public static String describe(long major) {
        StringBuilder sb = new StringBuilder();
        long calling = major & CALLING_MASK;
        long routine = major & ROUTINE_MASK;
        if (calling != 0) {
            append(sb, callingError(major).map(Enum::name)
                    .orElse("GSS_S_UNKNOWN_CALLING_ERROR(" + (calling >>> 24) + ")"));
        }
        if (routine != 0) {
            append(sb, routineError(major).map(Enum::name)
                    .orElse("GSS_S_UNKNOWN_ROUTINE_ERROR(" + (routine >>> 16) + ")"));
        }
        supplementary(major).forEach(s -> append(sb, s.name()));
        long unknownSupplementary = major & SUPPLEMENTARY_MASK & ~0x1fL;
        if (unknownSupplementary != 0) {
            append(sb, "GSS_S_UNKNOWN_SUPPLEMENTARY(0x" + Long.toHexString(unknownSupplementary) + ")");
        }
        return sb.isEmpty() ? GSS_S_COMPLETE.name() : sb.toString();
    }

    private static Optional<MajorStatus> find(Field field, long bits) {
        if (bits == 0) {
            return Optional.empty();
        }
        for (MajorStatus s : values()) {
            if (s.field == field && s.value == bits) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static void append(StringBuilder sb, String name) {
        if (!sb.isEmpty()) {
            sb.append('|');
        }
        sb.append(name);
    }
}
