package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.Realms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Context establishment and per-message protection against an embedded Kerby KDC: aes256-cts-hmac-sha1-96. */
class KerbyRealmTest extends RealmScenarios {

    private static final int AES256_CTS_HMAC_SHA1_96 = 18;

    private static RealmSession session;
    private static long handlesBefore;

    @BeforeAll
    static void startRealm() {
        session = new RealmSession(Realms.kerby());
        handlesBefore = session.gss.openHandles();
    }

    @Override
    RealmSession session() {
        return session;
    }

    @AfterAll
    static void stopRealm() {
        long leaked = session.gss.openHandles() - handlesBefore;
        session.close();
        assertEquals(0, leaked, "every name, credential and context the tests opened is closed");
    }

    @Test
    void destroyedMemoryCcacheNoLongerHoldsTickets() {
        ContextScenarios.destroyedMemoryCcacheNoLongerHoldsTickets(session);
    }

    @Test
    void concurrentUseIsSafe() throws Exception {
        ContextScenarios.concurrentUseIsSafe(session);
    }

    @Test
    void allowableEnctypesLimitTheCredential() {
        ContextScenarios.allowableEnctypesLimitTheCredential(session);
    }

    @Test
    void lucidKeyVerifiesTheLibrarysMicIndependently() throws Exception {
        ContextScenarios.LucidAndMic result = ContextScenarios.lucidContextsMatchThePeer(session,
                AES256_CTS_HMAC_SHA1_96);
        assertTrue(Rfc4121Mic.verify(result.lucid(), result.mic(), ContextScenarios.MESSAGE),
                "Kerby's crypto accepts MIT's MIC with the exported key");
        byte[] wrongMessage = ContextScenarios.MESSAGE.clone();
        wrongMessage[3] ^= 0x20;
        assertFalse(Rfc4121Mic.verify(result.lucid(), result.mic(), wrongMessage));
    }
}
