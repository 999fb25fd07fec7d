package dev.gssproxy4j.server.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.cache.CredCache;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CredentialPolicy#openOrAcquire} with the daemon's {@link CredCache}: a handle opened for ACCEPT reuses the
 * credential imported the first time, but only once the handle has opened for the caller, and never for handles
 * with element options or for other uses.
 */
class AcceptorCredCachingTest {

    static ServerRealm kdc;
    static ServiceConfig service;
    ServerResources resources;
    GssxCred handle;

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
        service = kdc.acceptor("cache").build();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    @BeforeEach
    void sealAnAcceptorHandle() throws InterruptedException {
        // one daemon: the calls below share its cache; a minute on, the keytab has settled and is copied (as it is
        // in production once written; until then each accept imports anew, see KeytabMirrorsTest)
        resources = kdc.resources(kdc.sealer, KeytabMirrorsTest.SETTLED);
        try (CredentialPolicy creds = policy(ServerRealm.SERVICE_UID);
             GssCred cred = kdc.gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                     Map.of("keytab", kdc.serviceKeytab.toString()))) {
            handle = creds.seal(cred);
        }
    }

    CredentialPolicy policy(int callerUid) {
        return ServerRealm.call(service, callerUid, resources).credentials();
    }

    GssCred openForAccept(GssxCred cred) throws InterruptedException {
        try (CredentialPolicy creds = policy(ServerRealm.SERVICE_UID);
             OpenedCred opened = creds.openOrAcquire(Optional.of(cred), CredUsage.ACCEPT)) {
            assertTrue(opened.fromHandle());
            return opened.cred();
        }
    }

    @Test
    void theSameHandleAcceptsWithTheCredentialImportedFirst() throws InterruptedException {
        GssCred first = openForAccept(handle);
        GssCred second = openForAccept(handle);
        assertSame(first, second);
        assertFalse(first.isClosed(), "ending the call returns the credential to the cache");
        assertEquals(1, resources.credCache().size());

        resources.credCache().close();
        assertTrue(first.isClosed(), "the cache releases what it holds");
    }

    @Test
    void aCachedCredentialIsStillRefusedToAnotherUid() throws InterruptedException {
        openForAccept(handle);
        try (CredentialPolicy other = policy(ServerRealm.OTHER_UID)) {
            GssException e = assertThrows(GssException.class,
                    () -> other.openOrAcquire(Optional.of(handle), CredUsage.ACCEPT));
            assertEquals(MajorStatus.GSS_S_DEFECTIVE_CREDENTIAL, e.majorStatus());
        }
    }

    @Test
    void aHandleWithCredentialOptionsIsImportedForEachCall() throws InterruptedException {
        CredElement element = handle.elements().get(0);
        byte[] aes256 = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(18).array();
        GssxCred restricted = new GssxCred(handle.desiredName(), List.of(new CredElement(element.mn(),
                element.mech(), element.credUsage(), element.initiatorTimeRec(), element.acceptorTimeRec(),
                List.of(GssxOption.of(Options.KRB5_SET_ALLOWED_ENCTYPE_VALUES, Opaque.of(aes256))))),
                handle.credHandleReference(), false);
        GssCred first = openForAccept(restricted);
        GssCred second = openForAccept(restricted);
        assertNotSame(first, second);
        assertTrue(first.isClosed() && second.isClosed(), "released at the end of each call");
        assertEquals(0, resources.credCache().size());
    }

    @Test
    void onlyAcceptingUsesTheCache() throws InterruptedException {
        try (CredentialPolicy creds = policy(ServerRealm.SERVICE_UID);
             OpenedCred opened = creds.openOrAcquire(Optional.of(handle), CredUsage.INITIATE)) {
            assertTrue(opened.fromHandle());
        }
        try (CredentialPolicy creds = policy(ServerRealm.SERVICE_UID);
             OpenedCred opened = creds.open(handle).orElseThrow()) {
            assertTrue(opened.fromHandle());
        }
        assertEquals(0, resources.credCache().size());
    }
}
