package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.mech.RealmSession.Peers;
import dev.gssproxy4j.testkit.Realms;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same scenarios against Debian's MIT krb5kdc restricted to aes256-cts-hmac-sha384-192 (RFC 8009), plus
 * S4U2Self, which Kerby does not implement.
 */
class MitRealmTest extends RealmScenarios {

    private static final int AES256_CTS_HMAC_SHA384_192 = 20;

    private static RealmSession session;
    private static long handlesBefore;

    @BeforeAll
    static void startRealm() {
        assumeTrue(Realms.mitAvailable(), "MIT krb5kdc is not installed (Debian: krb5-kdc krb5-admin-server)");
        session = new RealmSession(Realms.mit(Set.of("aes256-cts-hmac-sha384-192")));
        handlesBefore = session.gss.openHandles();
    }

    @Override
    RealmSession session() {
        return session;
    }

    @AfterAll
    static void stopRealm() {
        if (session != null) {
            long leaked = session.gss.openHandles() - handlesBefore;
            session.close();
            assertEquals(0, leaked, "every name, credential and context the tests opened is closed");
        }
    }

    @Test
    void lucidContextsMatchThePeer() {
        ContextScenarios.lucidContextsMatchThePeer(session, AES256_CTS_HMAC_SHA384_192);
    }

    /** S4U2Self: the service, with its own TGT, obtains a ticket to itself in alice's name and accepts it. */
    @Test
    void s4u2SelfImpersonatesAUserToTheServiceItself() {
        Gss gss = session.gss;
        Path serviceCcache = session.realm.kinitFromKeytab(RealmSession.SERVICE, session.serviceKeytab,
                "service.ccache");
        try (GssName service = gss.importName(session.realm.principal(RealmSession.SERVICE),
                     Oid.KRB5_NT_PRINCIPAL_NAME);
             GssCred impersonator = gss.acquireCred(service, 0, List.of(Oid.KRB5), CredUsage.INITIATE,
                     Map.of("ccache", "FILE:" + serviceCcache));
             GssName user = session.user();
             GssCred asUser = gss.acquireCredImpersonateName(impersonator, user, 0, List.of(Oid.KRB5),
                     CredUsage.INITIATE);
             CredInfo info = asUser.inquire();
             GssCred acceptor = session.acceptorCred();
             Peers p = session.establish(asUser, acceptor, RealmSession.FLAGS, null)) {
            assertEquals(session.realm.principal(RealmSession.USER), info.name().display().text());
            assertEquals(session.realm.principal(RealmSession.USER), p.source().display().text());
            assertEquals(java.util.Optional.of(session.realm.principal(RealmSession.SERVICE)), asUser.impersonator(),
                    "an S4U2Self credential names the service that impersonated");
            assertEquals(java.util.Optional.empty(), impersonator.impersonator(), "an ordinary credential names none");
            ContextScenarios.exchange(p.initiator(), p.acceptor());
        }
    }
}
