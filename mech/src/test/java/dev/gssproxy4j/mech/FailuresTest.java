package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.mech.RealmSession.Peers;
import dev.gssproxy4j.testkit.Realms;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures against the MIT KDC, each checked for the major status MIT gives and a message that names the cause.
 * MIT reports most Kerberos errors as {@code GSS_S_FAILURE} with the krb5 error as the minor status, so the minor
 * text is part of the contract here. Time-related failures use a ccache whose header carries a KDC time offset
 * ({@link KrbFiles#withTimeOffset}): no waiting and no change of the system clock.
 */
class FailuresTest {

    private static RealmSession session;
    private static long handlesBefore;

    @BeforeAll
    static void startRealm() {
        assumeTrue(Realms.mitAvailable(), "MIT krb5kdc is not installed (Debian: krb5-kdc krb5-admin-server)");
        session = new RealmSession(Realms.mit());
        // One successful exchange caches alice's service ticket in her ccache, so that later copies of the
        // ccache carry it and the initiator needs no KDC round trip.
        session.establish().close();
        handlesBefore = session.gss.openHandles();
    }

    @AfterAll
    static void stopRealm() {
        if (session != null) {
            long leaked = session.gss.openHandles() - handlesBefore;
            session.close();
            assertEquals(0, leaked, "failed calls leave no names, credentials or contexts behind");
        }
    }

    @Test
    void acceptorKeytabWithoutTheServiceKey() {
        Path other = session.realm.keytab("other.keytab", "other/localhost");
        GssException e = acceptFails(session.userCcache, other);
        assertEquals(MajorStatus.GSS_S_FAILURE, e.majorStatus());
        assertMinor(e, "Request ticket server " + session.realm.principal(RealmSession.SERVICE)
                + " not found in keytab");
    }

    @Test
    void acceptorKeytabWithoutTheTicketsKeyVersion() {
        Path stale = KrbFiles.otherKeyVersion(session.serviceKeytab, session.realm.dir().resolve("kvno.keytab"), 1);
        GssException e = acceptFails(session.userCcache, stale);
        assertEquals(MajorStatus.GSS_S_FAILURE, e.majorStatus());
        assertMinor(e, "kvno 1 not found in keytab");
    }

    @Test
    void clockSkewIsReportedByTheAcceptorAndReachesTheInitiatorAsAnErrorToken() {
        Path skewed = KrbFiles.withTimeOffset(session.userCcache, session.realm.dir().resolve("skew.ccache"), 3600);
        Gss gss = session.gss;
        try (GssCred ic = session.initiatorCred(skewed); GssCred ac = session.acceptorCred();
             GssName target = session.target()) {
            InitResult first = gss.initSecContext(ic, null, target, Oid.KRB5, RealmSession.FLAGS, 0, null, null);
            try (SecContext initiator = first.context()) {
                GssException e = assertThrows(GssException.class,
                        () -> gss.acceptSecContext(null, ac, first.outputToken(), null));
                assertEquals(MajorStatus.GSS_S_FAILURE, e.majorStatus());
                assertMinor(e, "Clock skew too great");
                byte[] krbError = e.errorToken().orElseThrow();
                assertTrue(!e.getMessage().contains(java.util.HexFormat.of().formatHex(krbError)));

                GssException atInitiator = assertThrows(GssException.class, () -> gss.initSecContext(ic, initiator,
                        target, Oid.KRB5, RealmSession.FLAGS, 0, null, krbError));
                assertEquals(MajorStatus.GSS_S_FAILURE, atInitiator.majorStatus());
                assertMinor(atInitiator, "Clock skew too great");
            }
        }
    }

    @Test
    void expiredTicketsAreRefusedByTheInitiator() {
        Path future = KrbFiles.withTimeOffset(session.userCcache, session.realm.dir().resolve("expired.ccache"),
                3 * 86400);
        Gss gss = session.gss;
        try (GssCred ic = session.initiatorCred(future); GssName target = session.target()) {
            GssException inquire = assertThrows(GssException.class, () -> gss.inquireCred(ic));
            assertEquals(MajorStatus.GSS_S_CREDENTIALS_EXPIRED, inquire.majorStatus());
            assertTrue(inquire.getMessage().contains("The referenced credential has expired"), inquire.getMessage());

            GssException init = assertThrows(GssException.class, () -> gss.initSecContext(ic, null, target, Oid.KRB5,
                    RealmSession.FLAGS, 0, null, null));
            assertEquals(MajorStatus.GSS_S_FAILURE, init.majorStatus());
            assertMinor(init, "Ticket expired");
        }
    }

    @Test
    void unknownServicePrincipal() {
        Gss gss = session.gss;
        try (GssCred ic = session.initiatorCred();
             GssName target = gss.importName("nfs@nowhere.localhost", Oid.NT_HOSTBASED_SERVICE)) {
            long before = gss.openHandles();
            GssException e = assertThrows(GssException.class, () -> gss.initSecContext(ic, null, target, Oid.KRB5,
                    RealmSession.FLAGS, 0, null, null));
            assertEquals(MajorStatus.GSS_S_FAILURE, e.majorStatus());
            assertEquals("gss_init_sec_context", e.function());
            assertEquals(Oid.KRB5, e.mech());
            assertMinor(e, "Server nfs/nowhere.localhost@" + session.realm.name() + " not found in Kerberos database");
            assertEquals(before, gss.openHandles(), "a failed first call leaves no context behind");
        }
    }

    @Test
    void unknownClientPrincipalHasNoCredentials() {
        Gss gss = session.gss;
        try (GssName nobody = gss.importName("nobody", Oid.NT_USER_NAME)) {
            GssException e = assertThrows(GssException.class, () -> gss.acquireCred(nobody, 0, List.of(Oid.KRB5),
                    CredUsage.INITIATE, Map.of("ccache", "FILE:" + session.userCcache,
                            "client_keytab", session.serviceKeytab.toString())));
            assertEquals(MajorStatus.GSS_S_NO_CRED, e.majorStatus());
            assertTrue(e.status().majorMessage().startsWith("No credentials were supplied"), e.getMessage());
        }
    }

    @Test
    void garbageTokenIsDefective() {
        try (GssCred ac = session.acceptorCred()) {
            GssException e = assertThrows(GssException.class, () -> session.gss.acceptSecContext(null, ac,
                    new byte[] {0x60, 0x03, 0x06, 0x01, 0x00}, null));
            assertTrue(MajorStatus.isError(e.major()));
            assertTrue(e.getMessage().startsWith("gss_accept_sec_context failed: GSS_S_"), e.getMessage());
        }
    }

    @Test
    void tokensFromAnotherContextFailVerification() {
        try (Peers a = session.establish(); Peers b = session.establish()) {
            byte[] token = a.initiator().wrap(true, 0, ContextScenarios.MESSAGE).token();
            GssException e = assertThrows(GssException.class, () -> b.acceptor().unwrap(token));
            assertEquals(MajorStatus.GSS_S_BAD_SIG, e.majorStatus());
        }
    }

    private static GssException acceptFails(Path ccache, Path keytab) {
        try (GssCred ic = session.initiatorCred(ccache); GssCred ac = session.acceptorCred(keytab)) {
            return assertThrows(GssException.class, () -> session.establish(ic, ac, RealmSession.FLAGS, null));
        }
    }

    private static void assertMinor(GssException e, String expected) {
        assertTrue(e.status().minorMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
