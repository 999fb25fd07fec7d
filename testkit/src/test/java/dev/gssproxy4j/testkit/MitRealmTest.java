package dev.gssproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the MIT realm offers: RFC 8009 enctypes, S4U2Self, a chosen enctype set, a KDC log. */
class MitRealmTest {

    private static Realm realm;

    @BeforeAll
    static void startRealm() {
        assumeTrue(Realms.mitAvailable(), "MIT KDC not installed (krb5kdc, kdb5_util, kadmin.local): "
                + "install Debian packages krb5-kdc krb5-admin-server to run the MIT realm tests");
        realm = Realms.mit();
        realm.addPrincipal("alice", "alice-pw");
    }

    @AfterAll
    static void stopRealm() {
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void principalsGetRfc8009KeysAndTicketsUseThem() {
        Path keytab = realm.keytab("sha2.keytab", "HTTP/sha2.localhost");
        String keys = Krb5Tools.run(realm, null, "klist", "-ek", keytab.toString());
        // Enctype 20 (RFC 8009 section 5) and 19, next to the RFC 3962 ones.
        assertTrue(keys.contains("(aes256-cts-hmac-sha384-192)"), keys);
        assertTrue(keys.contains("(aes128-cts-hmac-sha256-128)"), keys);
        assertTrue(keys.contains("(aes256-cts-hmac-sha1-96)"), keys);

        Path ccache = realm.kinit("alice", "alice-pw", "alice-sha2.ccache");
        Krb5Tools.run(realm, ccache, "kvno", "HTTP/sha2.localhost");
        String tickets = Krb5Tools.run(realm, ccache, "klist", "-e");
        assertTrue(tickets.contains("Etype (skey, tkt): aes256-cts-hmac-sha384-192, aes256-cts-hmac-sha384-192"),
                tickets);
    }

    @Test
    void serviceGetsAForwardableS4u2SelfTicketForAUser() {
        realm.addRandomKeyPrincipal("HTTP/s4u.localhost");
        Path keytab = realm.keytab("s4u.keytab", "HTTP/s4u.localhost");
        Path serviceCcache = realm.kinitFromKeytab("HTTP/s4u.localhost", keytab, "s4u-service.ccache");

        String kvno = Krb5Tools.run(realm, serviceCcache, "kvno", "-U", "alice", "-k", keytab.toString(),
                "HTTP/s4u.localhost");
        assertTrue(kvno.contains("keytab entry valid"), kvno);

        String tickets = Krb5Tools.run(realm, serviceCcache, "klist", "-f");
        String evidence = tickets.lines().dropWhile(line -> !line.contains("for client alice@" + realm.name()))
                .findFirst().orElseThrow(() -> new AssertionError("no S4U2Self ticket in:\n" + tickets));
        // +ok_to_auth_as_delegate makes the evidence ticket forwardable, which S4U2Proxy needs.
        assertTrue(evidence.matches(".*Flags: \\w*F\\w*.*"), evidence);
    }

    @Test
    void theDb2DatabaseHasNoDelegationAcl() {
        RealmException e = assertThrows(RealmException.class,
                () -> realm.allowDelegation("host/localhost", "HTTP/localhost"));
        assertTrue(e.getMessage().contains("Realms.mitLdap()"), e.getMessage());
    }

    @Test
    void enctypeSetLimitsKeysAndTickets() {
        try (Realm only = Realms.mit(Set.of("aes128-cts-hmac-sha256-128"))) {
            only.addPrincipal("bob", "bob-pw");
            Path keytab = only.keytab("only.keytab", "HTTP/localhost");
            String keys = Krb5Tools.run(only, null, "klist", "-ek", keytab.toString());
            assertTrue(keys.contains("(aes128-cts-hmac-sha256-128)"), keys);
            assertFalse(keys.contains("sha1-96") || keys.contains("sha384"), keys);
            Path ccache = only.kinit("bob", "bob-pw", "bob.ccache");
            String tgt = Krb5Tools.run(only, ccache, "klist", "-e");
            assertTrue(tgt.contains("aes128-cts-hmac-sha256-128, aes128-cts-hmac-sha256-128"), tgt);
        }
    }

    @Test
    void requestsAreCountedFromTheKdcLog() throws Exception {
        long before = realm.kdcRequestCount();
        Path ccache = realm.kinit("alice", "alice-pw", "alice-count.ccache");
        realm.addRandomKeyPrincipal("HTTP/count.localhost");
        Krb5Tools.run(realm, ccache, "kvno", "HTTP/count.localhost");
        // alice has no +requires_preauth, so kinit is one AS-REQ; kvno adds one TGS-REQ.
        assertEquals(before + 2, realm.kdcRequestCount());
        String log = Files.readString(realm.dir().resolve("kdc.log"));
        assertTrue(log.contains("TGS_REQ") && log.contains("HTTP/count.localhost@" + realm.name()), log);
    }
}
