package dev.gssproxy4j.testkit;

import java.util.List;
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
        return MitRealm.start(DEFAULT_NAME, Enctypes.strongestFirst(enctypes), Db2Kdb::new);
    }

    /**
     * Like {@link #mit()}, but the KDC reads its principals through MIT's LDAP KDB module from a private
     * {@code slapd} (a child process on a socket in the realm directory, never the system's), the one MIT database
     * that stores constrained-delegation ACLs: {@link Realm#allowDelegation} makes S4U2Proxy succeed. Starts in
     * about half a second here (slapd included).
     *
     * @throws RealmException if something is missing ({@link #mitLdapMissing()}) or does not start
     */
    public static Realm mitLdap() {
        return MitRealm.start(DEFAULT_NAME, Enctypes.STRONGEST_FIRST, LdapKdb::start);
    }

    /** Whether {@code krb5kdc}, {@code kdb5_util} and {@code kadmin.local} are installed (PATH or /usr/sbin). */
    public static boolean mitAvailable() {
        return MitRealm.available();
    }

    /**
     * What {@link #mitLdap()} needs beyond {@link #mitAvailable()} and is not installed, each naming its Debian
     * package ({@code slapd}, {@code ldap-utils}, {@code krb5-kdc-ldap}); empty when all is there.
     */
    public static List<String> mitLdapMissing() {
        return LdapKdb.missing();
    }
}
