package dev.gssproxy4j.jgss;

import java.util.Locale;

/**
 * Where a credential comes from, as the interposer's {@code GSSPROXY_BEHAVIOR} (gssproxy {@code src/mechglue}):
 * the daemon ("remote") or the JDK's own krb5 mechanism ("local", which reads keytabs and ticket caches in this
 * JVM). A context stays with whichever side made its credential.
 */
public enum Behavior {
    /** Only the daemon: no Kerberos code or secret in this JVM. The default. */
    REMOTE_ONLY,
    /** Only the JDK's krb5: as if this provider were not installed. */
    LOCAL_ONLY,
    /** The JDK's krb5, and the daemon when that fails (e.g. no ticket cache). */
    LOCAL_FIRST,
    /** The daemon, and the JDK's krb5 when that fails (e.g. no service for this uid). */
    REMOTE_FIRST;

    /**
     * The behaviour named {@code value}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Behavior parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown GSSPROXY_BEHAVIOR '" + value + "': use REMOTE_ONLY, "
                    + "LOCAL_ONLY, LOCAL_FIRST or REMOTE_FIRST", e);
        }
    }

    /** The side tried first. */
    public boolean remoteFirst() {
        return this == REMOTE_ONLY || this == REMOTE_FIRST;
    }

    /** Whether the other side is tried after the first fails. */
    public boolean fallsBack() {
        return this == LOCAL_FIRST || this == REMOTE_FIRST;
    }
}
