package dev.gssproxy4j.testkit;

import java.util.Set;

/** Creates throwaway realms; see {@link Realm}. */
public final class Realms {

    /** The realm name used unless a test asks for another. */
    public static final String DEFAULT_NAME = "GSSPROXY4J.TEST";

    private Realms() {
    }

    /**
     * An embedded Kerby KDC on a free loopback port (TCP and UDP), aes256- and aes128-cts-hmac-sha1-96 keys, in
     * this JVM; starts in well under a second once the JVM is warm. No RFC 8009 enctypes and no S4U: use
     * {@link #mit()} for those.
     */
    public static Realm kerby() {
        return kerby(DEFAULT_NAME);
    }

    public static Realm kerby(String realmName) {
        return KerbyRealm.start(realmName);
    }

    /**
     * Debian's MIT {@code krb5kdc} as a child process on a free loopback port, with keys for
     * aes256-cts-hmac-sha384-192, aes128-cts-hmac-sha256-128 (RFC 8009) and aes256/aes128-cts-hmac-sha1-96
     * (RFC 3962); S4U2Self works for services added with {@link Realm#addRandomKeyPrincipal}. Takes well under a
     * second here.
     *
     * @throws RealmException if the MIT KDC is not installed ({@link #mitAvailable()}) or does not start
     */
    public static Realm mit() {
        return mit(Set.copyOf(Enctypes.STRONGEST_FIRST));
    }

    /**
     * Like {@link #mit()}, but with exactly {@code enctypes} (MIT names, e.g. {@code "aes256-cts-hmac-sha384-192"})
     * as the KDC's supported and the clients' permitted enctypes, strongest first.
     */
    public static Realm mit(Set<String> enctypes) {
        return MitRealm.start(DEFAULT_NAME, Enctypes.strongestFirst(enctypes));
    }

    /** Whether {@code krb5kdc}, {@code kdb5_util} and {@code kadmin.local} are installed (PATH or /usr/sbin). */
    public static boolean mitAvailable() {
        return MitRealm.available();
    }
}
