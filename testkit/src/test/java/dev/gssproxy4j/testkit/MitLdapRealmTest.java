package dev.gssproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the MIT realm on LDAP offers: constrained delegation (S4U2Proxy) as its ACL allows, checked with kvno. */
class MitLdapRealmTest {

    private static Realm realm;
    private static Path keytab;

    @BeforeAll
    static void startRealm() {
        assumeTrue(Realms.mitAvailable() && Realms.mitLdapMissing().isEmpty(), () -> "MIT KDC on LDAP not installed: "
                + "install Debian packages krb5-kdc krb5-admin-server slapd ldap-utils krb5-kdc-ldap (missing: "
                + String.join(", ", Realms.mitLdapMissing()) + ")");
        realm = Realms.mitLdap();
        realm.addPrincipal("alice", "alice-pw");
        keytab = realm.keytab("services.keytab", "host/localhost", "HTTP/localhost", "ldap/localhost");
    }

    @AfterAll
    static void stopRealm() {
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void theKdcReadsPrincipalsFromThePrivateSlapd() throws Exception {
        String kdcConf = Files.readString(realm.dir().resolve("kdc.conf"));
        assertTrue(kdcConf.contains("db_library = kldap"), kdcConf);
        assertTrue(kdcConf.contains("ldap_servers = ldapi://" + realm.dir().toString().replace("/", "%2F")),
                kdcConf);
        Path ccache = realm.kinit("alice", "alice-pw", "alice.ccache");
        String kvno = Krb5Tools.run(realm, ccache, "kvno", "HTTP/localhost");
        assertTrue(kvno.contains("HTTP/localhost@" + realm.name() + ": kvno = "), kvno);
    }

    @Test
    void s4u2ProxyFollowsTheDelegationAcl() {
        realm.allowDelegation("host/localhost", "HTTP/localhost");
        Path service = realm.kinitFromKeytab("host/localhost", keytab, "host.ccache");
        // kvno -U -P: S4U2Self for alice, then S4U2Proxy with that evidence ticket
        String allowed = Krb5Tools.run(realm, service, "kvno", "-k", keytab.toString(), "-U", "alice", "-P",
                "HTTP/localhost");
        assertTrue(allowed.contains("HTTP/localhost@" + realm.name() + ": kvno = "), allowed);

        ChildProcess.Result refused = Krb5Tools.start(realm, service, "kvno", "-k", keytab.toString(), "-U", "alice",
                "-P", "ldap/localhost").run(Duration.ofSeconds(20));
        assertFalse(refused.succeeded(), refused.toString());
        assertTrue(refused.stderr().contains("KDC can't fulfill requested option"), refused.stderr());

        realm.allowDelegation("host/localhost", "HTTP/localhost", "ldap/localhost");
        String nowAllowed = Krb5Tools.run(realm, service, "kvno", "-k", keytab.toString(), "-U", "alice", "-P",
                "ldap/localhost");
        assertTrue(nowAllowed.contains("ldap/localhost@" + realm.name() + ": kvno = "), nowAllowed);
    }

    @Test
    void onlyTheAdministratorReadsTheDirectory() throws Exception {
        String uri = Files.readString(realm.dir().resolve("kdc.conf")).lines()
                .filter(line -> line.strip().startsWith("ldap_servers = "))
                .map(line -> line.strip().substring("ldap_servers = ".length())).findFirst().orElseThrow();
        ChildProcess.Result anonymous = ChildProcess.command("ldapsearch", "-x", "-LLL", "-H", uri, "-b", "cn=krb5",
                "(krbPrincipalName=alice@" + realm.name() + ")", "krbPrincipalKey").run(Duration.ofSeconds(20));
        assertFalse(anonymous.stdout().contains("krbPrincipalKey"), anonymous.toString());
        assertFalse(anonymous.stdout().contains("dn:"), anonymous.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(realm.dir().resolve("ldap"))));
    }

    @Test
    void principalNamesThatWouldChangeTheDnAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> realm.allowDelegation("host/localhost", "HTTP/x,cn=other"));
    }
}
