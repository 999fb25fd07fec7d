package dev.gssproxy4j.mech.mit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.RealmSession;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.testkit.Realms;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticket server key of real AP-REQs from MIT's initiator, and of every malformed variant. */
class TicketServerTest {

    static RealmSession kdc;

    @BeforeAll
    static void realm() {
        kdc = new RealmSession(Realms.kerby());
        kdc.realm.addRandomKeyPrincipal("HTTP/localhost");
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    static byte[] apReq(String target) {
        try (GssCred alice = kdc.initiatorCred();
             GssName name = kdc.gss.importName(target, Oid.NT_HOSTBASED_SERVICE)) {
            InitResult init = kdc.gss.initSecContext(alice, null, name, Oid.KRB5, 0, 0, null, null);
            try (SecContext ignored = init.context()) {
                return init.outputToken();
            }
        }
    }

    /** Where the token id follows the krb5 mechanism OID. */
    static int tokenIdAt(byte[] token) {
        byte[] oid = Oid.KRB5.der();
        for (int i = 0; i + oid.length <= token.length; i++) {
            if (Arrays.equals(token, i, i + oid.length, oid, 0, oid.length)) {
                return i + oid.length;
            }
        }
        throw new AssertionError("no krb5 OID in the token");
    }

    @Test
    void tokensForOneServiceShareAKeyAndOtherServicesDoNot() {
        byte[] first = apReq("host@localhost");
        byte[] second = apReq("host@localhost");
        byte[] other = apReq("HTTP@localhost");
        assertFalse(Arrays.equals(first, second), "fresh authenticators");
        TicketServer host = TicketServer.of(first).orElseThrow();
        assertEquals(host, TicketServer.of(second).orElseThrow());
        assertEquals(host.hashCode(), TicketServer.of(second).orElseThrow().hashCode());
        assertNotEquals(host, TicketServer.of(other).orElseThrow());
    }

    @Test
    void everyTruncationAndCorruptionIsHandledWithoutThrowing() {
        byte[] token = apReq("host@localhost");
        for (int length = 0; length < token.length; length++) {
            // the outer length then runs past the end, so no prefix has a key
            assertEquals(Optional.empty(), TicketServer.of(Arrays.copyOf(token, length)), "cut at " + length);
        }
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] corrupt = token.clone();
            corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            TicketServer.of(corrupt); // must not throw
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            TicketServer.of(garbage);
        }
    }

    @Test
    void aTokenThatIsNotAKrb5ApReqHasNoKey() {
        byte[] token = apReq("host@localhost");
        int tokenId = tokenIdAt(token);
        byte[] wrongOid = token.clone();
        wrongOid[tokenId - 1] ^= 1;
        assertTrue(TicketServer.of(wrongOid).isEmpty(), "another mechanism");
        byte[] apRep = token.clone();
        apRep[tokenId] = 0x02; // token id 02 00 is an AP-REP
        assertTrue(TicketServer.of(apRep).isEmpty(), "not an AP-REQ");
        byte[] indefinite = token.clone();
        indefinite[1] = (byte) 0x80;
        assertTrue(TicketServer.of(indefinite).isEmpty(), "indefinite length");
        assertTrue(TicketServer.of(new byte[0]).isEmpty());
    }
}
