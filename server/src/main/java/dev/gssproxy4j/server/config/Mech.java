package dev.gssproxy4j.server.config;

import java.util.Arrays;
import java.util.Optional;

/** A mechanism a service may offer. Upstream supports only krb5 ({@code gp_creds.c supported_mechs_map}). */
public enum Mech {
    KRB5("krb5", "1.2.840.113554.1.2.2");

    private final String configName;
    private final String oid;

    Mech(String configName, String oid) {
        this.configName = configName;
        this.oid = oid;
    }

    public String configName() {
        return configName;
    }

    /** Dotted OID (RFC 1964). */
    public String oid() {
        return oid;
    }

    /**
     * Exact, case-sensitive comparison of the whole value, like upstream's {@code strcmp(value, "krb5")}: a list
     * such as {@code krb5,foo} is not a krb5 service there either.
     */
    public static Optional<Mech> byConfigValue(String value) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return configName;
    }
}
