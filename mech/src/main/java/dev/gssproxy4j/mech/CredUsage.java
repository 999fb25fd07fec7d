package dev.gssproxy4j.mech;

/** RFC 2744 {@code gss_cred_usage_t}: what a credential may be used for. Carries the C value. */
public enum CredUsage {
    BOTH(0),
    INITIATE(1),
    ACCEPT(2);

    private final int value;

    CredUsage(int value) {
        this.value = value;
    }

    /** The {@code GSS_C_BOTH}/{@code GSS_C_INITIATE}/{@code GSS_C_ACCEPT} value. */
    public int value() {
        return value;
    }

    /** The constant for a C value; rejects anything else. */
    public static CredUsage of(int value) {
        for (CredUsage u : values()) {
            if (u.value == value) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown gss_cred_usage_t value " + value + " (expected 0, 1 or 2)");
    }
}
