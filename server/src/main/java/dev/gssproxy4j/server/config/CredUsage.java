package dev.gssproxy4j.server.config;

import java.util.Arrays;
import java.util.Optional;

/** A service's {@code cred_usage}, with the RFC 2744 {@code gss_cred_usage_t} value it narrows requests to. */
public enum CredUsage {
    BOTH("both", 0),
    INITIATE("initiate", 1),
    ACCEPT("accept", 2);

    private final String configName;
    private final int gssValue;

    CredUsage(String configName, int gssValue) {
        this.configName = configName;
        this.gssValue = gssValue;
    }

    public String configName() {
        return configName;
    }

    /** {@code GSS_C_BOTH} 0, {@code GSS_C_INITIATE} 1, {@code GSS_C_ACCEPT} 2. */
    public int gssValue() {
        return gssValue;
    }

    /** Case-insensitive, as upstream's {@code strcasecmp}. */
    public static Optional<CredUsage> byConfigName(String text) {
        return Arrays.stream(values()).filter(u -> u.configName.equalsIgnoreCase(text)).findFirst();
    }

    @Override
    public String toString() {
        return configName;
    }
}
