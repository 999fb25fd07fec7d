package dev.gssproxy4j.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MIT's LDAP KDB module ({@code db_library = kldap}) on a private {@link Slapd}: the realm is created with
 * {@code kdb5_ldap_util create -s} under {@code cn=krb5}, the KDC and {@code kadmin.local} bind as the slapd
 * administrator with the password {@code kdb5_ldap_util stashsrvpw} wrote to {@code ldap.stash}.
 *
 * <p>Constrained delegation is the LDAP module's attribute {@code krbAllowedToDelegateTo} on the service's entry,
 * which no kadmin command sets (MIT's admin guide: "set with ldapmodify"); the KDC reads it at each S4U2Proxy
 * request, so a change needs no restart.
 */
final class LdapKdb implements MitKdb {

    private static final String MODULE = "ldap";
    /** The LDAP DN specials (RFC 4514 section 2.4): a principal name with one would need escaping in the DN. */
    private static final String DN_SPECIALS = ",+\"\\<>;=#";

    private final Path dir;
    private final Slapd slapd;

    private LdapKdb(Path dir, Slapd slapd) {
        this.dir = dir;
        this.slapd = slapd;
    }

    static List<String> missing() {
        List<String> missing = new ArrayList<>(Slapd.missing());
        if (Programs.find("kdb5_ldap_util").isEmpty()) {
            missing.add("kdb5_ldap_util and MIT's LDAP KDB module (Debian package krb5-kdc-ldap)");
        }
        return missing;
    }

    /** Starts the slapd in {@code realmDir/ldap}. */
    static LdapKdb start(Path realmDir) {
        return new LdapKdb(realmDir, Slapd.start(realmDir.resolve("ldap")));
    }

    @Override
    public List<String> realmLines() {
        return List.of("database_module = " + MODULE);
    }

    @Override
    public String sections() {
        return """
                [dbmodules]
                    %1$s = {
                        db_library = kldap
                        ldap_kerberos_container_dn = %2$s
                        ldap_kdc_dn = %3$s
                        ldap_kadmind_dn = %3$s
                        ldap_service_password_file = %4$s
                        ldap_servers = %5$s
                    }
                """.formatted(MODULE, Slapd.BASE_DN, Slapd.ADMIN_DN, dir.resolve("ldap.stash"), slapd.uri());
    }

    /** Stashes the bind password first, so that {@code create} binds with it as the KDC will (t_kdb.py's order). */
    @Override
    public void create(String realmName, Map<String, String> environment) {
        String tool = Programs.require("kdb5_ldap_util", "krb5-kdc-ldap").toString();
        ChildProcess.command(tool, "-r", realmName, "stashsrvpw", "-f", dir.resolve("ldap.stash").toString(),
                        Slapd.ADMIN_DN)
                .environment(environment)
                .stdin(MitKdb.twice(slapd.adminPassword()))
                .run(Kinit.TIMEOUT)
                .requireSuccess();
        ChildProcess.command(tool, "-r", realmName, "create", "-s")
                .environment(environment)
                .stdin(MitKdb.twice(MitKdb.randomSecret()))
                .run(Kinit.TIMEOUT)
                .requireSuccess();
    }

    /** Replaces the service's {@code krbAllowedToDelegateTo} values (none: the attribute is removed). */
    @Override
    public void allowDelegation(String realm, String service, List<String> targets) {
        String values = targets.stream().map(t -> "krbAllowedToDelegateTo: " + checked(t) + "\n")
                .collect(Collectors.joining());
        // kdb5_ldap_util puts principals at krbPrincipalName=<name>,cn=<REALM>,<container>
        slapd.modify("dn: krbPrincipalName=" + checked(service) + ",cn=" + realm + "," + Slapd.BASE_DN + "\n"
                + "changetype: modify\n"
                + "replace: krbAllowedToDelegateTo\n"
                + values);
    }

    @Override
    public void close() {
        slapd.close();
    }

    private static String checked(String principal) {
        if (principal.isEmpty() || principal.chars().anyMatch(c -> DN_SPECIALS.indexOf(c) >= 0 || c < 0x21)) {
            throw new IllegalArgumentException("not a principal name that can go into an LDAP DN unescaped: \""
                    + principal + "\"");
        }
        return principal;
    }
}
