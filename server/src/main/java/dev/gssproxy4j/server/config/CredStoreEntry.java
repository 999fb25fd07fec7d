package dev.gssproxy4j.server.config;

import java.util.Objects;

/**
 * One {@code cred_store = KEY:VALUE} element, passed to {@code gss_acquire_cred_from} (after
 * {@link CredStoreTemplate} expansion). The key is the text before the first colon, so
 * {@code ccache:FILE:/x} is key {@code ccache}, value {@code FILE:/x}, as upstream {@code get_krb5_mech_cfg} splits.
 * Keys are passed through unchanged; MIT knows {@code keytab}, {@code client_keytab}, {@code ccache},
 * {@code rcache}, {@code verify} and {@code password}.
 */
public record CredStoreEntry(String key, String value) {

    /** MIT's {@code password} element holds a secret; it is never printed. */
    public static final String SECRET_KEY = "password";

    public CredStoreEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public boolean isSecret() {
        return key.equals(SECRET_KEY);
    }

    /** The value, or a placeholder for secrets: safe for logs and {@code check-config}. */
    public String displayValue() {
        return isSecret() ? "(secret, " + value.length() + " characters)" : value;
    }

    @Override
    public String toString() {
        return key + ":" + displayValue();
    }
}
