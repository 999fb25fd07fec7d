package dev.gssproxy4j.server.config;

import java.util.Arrays;
import java.util.Optional;

/** A mechanism a service may offer. Upstream supports only krb5 ({@code gp_creds.c supported_mechs_map}). */
public enum Mech {
    KRB5("krb5");

    private final String configName;

    Mech(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
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
