package dev.gssproxy4j.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A set of GSS request flags as the 32-bit mask the protocol carries ({@code req_flags}).
 *
 * @param bits the mask; bits without a {@link GssFlag} name are kept (a config may give any number)
 */
public record GssFlags(int bits) {

    public static final GssFlags NONE = new GssFlags(0);

    public static GssFlags of(GssFlag... flags) {
        int bits = 0;
        for (GssFlag f : flags) {
            bits |= f.bit();
        }
        return new GssFlags(bits);
    }

    public boolean contains(GssFlag flag) {
        return (bits & flag.bit()) != 0;
    }

    /** {@code req_flags} with these flags added ({@code enforce_flags}). */
    public int addTo(int reqFlags) {
        return reqFlags | bits;
    }

    /** {@code req_flags} with these flags removed ({@code filter_flags}). */
    public int removeFrom(int reqFlags) {
        return reqFlags & ~bits;
    }

    /**
     * Applies a {@code filter_flags}/{@code enforce_flags} value to {@code initial}, as upstream {@code parse_flags}:
     * tokens separated by commas and/or spaces, each {@code +NAME}, {@code -NAME}, {@code +NUMBER} or
     * {@code -NUMBER} (decimal, {@code 0x} hex or {@code 0} octal, like {@code strtoul(..., 0)}), applied left to
     * right. Tokens without a sign, unknown names, zero and unparsable numbers are ignored and reported to
     * {@code warn}, as upstream only logs them.
     */
    public static GssFlags parse(String text, GssFlags initial, Consumer<String> warn) {
        int bits = initial.bits;
        for (String token : text.split("[, ]+")) {
            if (token.isEmpty()) {
                continue;
            }
            char sign = token.charAt(0);
            if (sign != '+' && sign != '-') {
                warn.accept("flag '" + token + "' ignored: it needs a + or - in front");
                continue;
            }
            String body = token.substring(1);
            Optional<Integer> value = GssFlag.byName(body).map(GssFlag::bit).or(() -> number(body));
            if (value.isEmpty()) {
                warn.accept("flag '" + token + "' ignored: not a flag name (" + names() + ") or a non-zero number");
                continue;
            }
            bits = sign == '+' ? bits | value.get() : bits & ~value.get();
        }
        return new GssFlags(bits);
    }

    private static Optional<Integer> number(String s) {
        try {
            long v;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = Long.parseLong(s.substring(2), 16);
            } else if (s.length() > 1 && s.startsWith("0")) {
                v = Long.parseLong(s.substring(1), 8);
            } else {
                v = Long.parseLong(s, 10);
            }
            return v > 0 && v <= 0xFFFF_FFFFL ? Optional.of((int) v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        for (GssFlag f : GssFlag.values()) {
            names.add(f.name());
        }
        return String.join(", ", names);
    }

    /** Names joined with {@code |}, unnamed bits in hex, {@code none} for the empty set. */
    @Override
    public String toString() {
        if (bits == 0) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        int rest = bits;
        for (GssFlag f : GssFlag.values()) {
            if (contains(f)) {
                parts.add(f.name());
                rest &= ~f.bit();
            }
        }
        if (rest != 0) {
            parts.add("0x" + Integer.toHexString(rest));
        }
        return String.join("|", parts);
    }
}
