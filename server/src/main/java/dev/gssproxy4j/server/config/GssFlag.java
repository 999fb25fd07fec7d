package dev.gssproxy4j.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The GSS request flags that {@code filter_flags} and {@code enforce_flags} may name, with their RFC 2744
 * (section 3.13, {@code gssapi.h}) bit values and the names upstream's {@code flag_names} table uses.
 */
public enum GssFlag {
    DELEGATE(1),
    MUTUAL_AUTH(2),
    REPLAY_DETECT(4),
    SEQUENCE(8),
    CONFIDENTIALITY(16),
    /**
     * {@code GSS_C_INTEG_FLAG}. Upstream's table misspells it {@code INTEGRITIY}, so there the documented name
     * {@code INTEGRITY} is ignored with an error message. gssproxy4j accepts both spellings.
     */
    INTEGRITY(32),
    ANONYMOUS(64);

    /** Upstream's spelling, accepted for compatibility with configs written against it. */
    static final String UPSTREAM_INTEGRITY_SPELLING = "INTEGRITIY";

    private final int bit;

    GssFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** Case-insensitive lookup, as upstream's {@code strcasecmp}; also accepts {@code INTEGRITIY}. */
    public static Optional<GssFlag> byName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals(UPSTREAM_INTEGRITY_SPELLING)) {
            return Optional.of(INTEGRITY);
        }
        return Arrays.stream(values()).filter(f -> f.name().equals(upper)).findFirst();
    }
}
