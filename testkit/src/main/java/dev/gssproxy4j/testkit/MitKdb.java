package dev.gssproxy4j.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Where a MIT realm's KDC keeps its principals: {@link Db2Kdb}, the db2 file {@code kdb5_util} creates, or
 * {@link LdapKdb}, a private {@code slapd} read through MIT's LDAP KDB module. Only the LDAP module stores
 * constrained-delegation ACLs ({@code krbAllowedToDelegateTo}), so only it can grant S4U2Proxy.
 */
interface MitKdb extends AutoCloseable {

    /** The lines inside the realm's {@code kdc.conf} section that name the database. */
    List<String> realmLines();

    /** Further {@code kdc.conf} text after the realm section (e.g. {@code [dbmodules]}), or empty. */
    String sections();

    /**
     * Creates the realm's database plus a stash of its master key, so nothing ever prompts; {@code environment}
     * points MIT's admin tools at the {@code kdc.conf} written with {@link #realmLines()} and {@link #sections()}.
     */
    void create(String realm, Map<String, String> environment);

    /** Lets {@code service} of {@code realm} use S4U2Proxy towards exactly {@code targets} (full names). */
    void allowDelegation(String realm, String service, List<String> targets);

    @Override
    void close();

    /** A random secret for a master key or a bind password (throwaway: never logged, gone with the realm). */
    static String randomSecret() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    }

    /** The standard input for MIT's admin tools, which ask for a new password twice when it is not on the line. */
    static String twice(String secret) {
        return secret + "\n" + secret + "\n";
    }
}
