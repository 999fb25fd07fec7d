package dev.gssproxy4j.server.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.AcceptResult;
import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.mit.ExportedCredKeytab;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.cache.KeytabMirrors;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.shared.ServerResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cached acceptor credentials accept from an in-memory copy of their keytab file, and follow the file: a key
 * removed from it stops working, a restored one works again, a file written just now is read as MIT reads it, and
 * handles go on naming the file.
 */
class KeytabMirrorsTest {

    /** Seen from a minute later, every file written by the test has settled. */
    static final Clock SETTLED = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    static ServerRealm kdc;
    static ServiceConfig service;
    Path keytab;
    ServerResources resources;
    GssxCred handle;
    GssCred alice;

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
        service = kdc.acceptor("mirrors").build();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    @BeforeEach
    void sealAHandleForAKeytabOfItsOwn() throws IOException, InterruptedException {
        keytab = Files.copy(kdc.serviceKeytab, kdc.realm.dir().resolve("mirrored-" + UUID.randomUUID() + ".keytab"));
        resources = kdc.resources(kdc.sealer, SETTLED);
        try (CredentialPolicy creds = policy(resources);
             GssCred cred = kdc.gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                     Map.of("keytab", keytab.toString()))) {
            handle = creds.seal(cred);
        }
        alice = kdc.initiatorCred("alice");
    }

    @AfterEach
    void release() {
        alice.close();
        resources.credCache().close();
        resources.keytabMirrors().close();
    }

    static CredentialPolicy policy(ServerResources resources) {
        return ServerRealm.call(service, ServerRealm.SERVICE_UID, resources).credentials();
    }

    /** One ACCEPT as the handler makes it: the handle's credential (cached or imported), a fresh AP-REQ. */
    GssCred accept(ServerResources on) throws InterruptedException {
        InitResult init = kdc.initiate(alice, ContextFlag.CONF.bit());
        try (var initiator = init.context(); CredentialPolicy creds = policy(on);
             OpenedCred opened = creds.openOrAcquire(Optional.of(handle), CredUsage.ACCEPT)) {
            assertTrue(opened.fromHandle());
            AcceptResult result = kdc.gss.acceptSecContext(null, opened.cred(), init.outputToken(), null);
            try (var acceptor = result.context(); var source = result.srcName()) {
                assertTrue(!result.continueNeeded() && acceptor != null && source != null, "" + result);
            }
            return opened.cred();
        }
    }

    @Test
    void acceptsAreServedFromOneCopyOfTheFile() throws InterruptedException {
        GssCred first = accept(resources);
        for (int i = 0; i < 3; i++) {
            assertSame(first, accept(resources), "the cached credential");
        }
        assertEquals(1, resources.keytabMirrors().copiesMade());
    }

    @Test
    void keysRemovedFromTheFileStopWorkingAndRestoredOnesWorkAgain() throws IOException, InterruptedException {
        accept(resources);
        byte[] original = Files.readAllBytes(keytab);

        Files.write(keytab, Files.readAllBytes(kdc.aliceKeytab)); // rewritten in place: host/localhost is gone
        GssException refused = assertThrows(GssException.class, () -> accept(resources));
        assertTrue(refused.getMessage().contains("host/localhost"), refused.getMessage());

        Files.write(keytab, original);
        accept(resources);
        assertEquals(3, resources.keytabMirrors().copiesMade(), "one copy per version of the file");
    }

    @Test
    void aDeletedKeytabAcceptsNoMore() throws IOException, InterruptedException {
        accept(resources);
        Files.delete(keytab);
        assertThrows(GssException.class, () -> accept(resources));
    }

    @Test
    void aFileWrittenJustNowIsReadAsMitReadsItUntilItSettles() throws InterruptedException {
        ServerResources now = kdc.resources(kdc.sealer, Clock.systemUTC());
        try {
            GssCred first = accept(now);
            assertNotSame(first, accept(now), "imported again until the file can be copied");
            assertEquals(0, now.keytabMirrors().copiesMade());
        } finally {
            now.credCache().close();
            now.keytabMirrors().close();
        }
    }

    @Test
    void withCopiesTurnedOffCredentialsNameTheFileAndStayCached() throws InterruptedException {
        byte[] token;
        try (GssCred cred = kdc.gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                Map.of("keytab", keytab.toString()))) {
            token = kdc.gss.exportCred(cred);
        }
        try (KeytabMirrors off = new KeytabMirrors(kdc.gss, SETTLED, KeytabMirrors.capacity("0"))) {
            KeytabMirrors.Imported imported = off.importForAccept(token);
            try (GssCred cred = imported.cred()) {
                assertEquals("FILE:" + keytab, ExportedCredKeytab.find(kdc.gss.exportCred(cred)).orElseThrow()
                        .keytab());
                assertTrue(imported.current().getAsBoolean(), "a credential reading its file stays current");
            }
            assertEquals(0, off.copiesMade());
        }
        assertEquals(KeytabMirrors.DEFAULT_CAPACITY, KeytabMirrors.capacity(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeytabMirrors.capacity("-1"));
        assertTrue(e.getMessage().contains("gssproxy4j.keytab-copies"), e.getMessage());
    }

    @Test
    void handlesStillNameTheFileSoAnotherDaemonOpensThem() throws Exception {
        accept(resources);
        byte[] payload = kdc.sealer.open(HandleKind.CREDENTIAL, policy(resources).binding(),
                handle.credHandleReference().toByteArray(), SETTLED.instant()).payload();
        assertEquals("FILE:" + keytab, ExportedCredKeytab.find(payload).orElseThrow().keytab());

        ServerResources restarted = kdc.resources(kdc.sealer, SETTLED);
        try {
            accept(restarted);
            assertEquals(1, restarted.keytabMirrors().copiesMade());
        } finally {
            restarted.credCache().close();
            restarted.keytabMirrors().close();
        }
    }
}
