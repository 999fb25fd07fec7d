package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.jgss.gss.ConnectionSettings;
import dev.gssproxy4j.jgss.gss.ExportedNames;
import dev.gssproxy4j.jgss.gss.GssProxy;
import dev.gssproxy4j.jgss.gss.ProxyContext;
import dev.gssproxy4j.jgss.gss.ProxyCredential;
import dev.gssproxy4j.jgss.gss.ProxyName;
import dev.gssproxy4j.jgss.gss.WireOids;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GSS-API layer of gssproxy4j-jgss ({@link GssProxy}) against the real daemon and a real KDC, in this JVM (uid
 * 0): both ends of every context go through the daemon, alice (the service's client keytab) to
 * {@code host/localhost} (its keytab). What the JDK provider adds on top is tested with unmodified programs in
 * {@link JavaAgentTest}.
 */
class JgssLayerTest {

    private static final byte[] MESSAGE = "through the daemon".getBytes(StandardCharsets.UTF_8);

    private static JavaServices services;
    private GssProxy proxy;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the daemon reads root-only keytabs");
        services = JavaServices.start(LocalUsers.ensure(LocalUsers.SERVICE));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @BeforeEach
    void open() {
        proxy = GssProxy.open(ConnectionSettings.of(services.rootSocket()));
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    @Test
    void namesAreCanonicalizedComparedAndExportedByTheDaemon() throws GSSException {
        ProxyName hostbased = proxy.importName(ExampleRealm.HOST_SERVICE, GSSName.NT_HOSTBASED_SERVICE);
        assertEquals(ExampleRealm.HOST_SERVICE, hostbased.toString());
        assertFalse(hostbased.isMechanismName(), "importing needs no daemon call");

        assertEquals(JavaServices.HOST_PRINCIPAL, hostbased.canonical().toString());
        assertArrayEquals(ExportedNames.token(WireOids.KRB5, JavaServices.HOST_PRINCIPAL.getBytes()),
                hostbased.export());
        assertTrue(hostbased.sameAs(proxy.importName(JavaServices.HOST_PRINCIPAL, null)));
        assertTrue(hostbased.sameAs(proxy.importExportedName(hostbased.export())));
        assertFalse(hostbased.sameAs(proxy.importName(JavaServices.ALICE, null)));
        assertEquals(Optional.of("alice"), proxy.importName(JavaServices.ALICE, null).localname());

        GSSException bad = assertThrows(GSSException.class,
                () -> proxy.importName("x", new Oid("1.2.3.4")).canonical());
        assertEquals(GSSException.BAD_NAMETYPE, bad.getMajor(), bad.getMessage());
        assertTrue(bad.getMessage().contains("IMPORT_AND_CANON_NAME through gssproxy"), bad.getMessage());
    }

    @Test
    void credentialsForEachUsageComeFromTheServicesStores() throws GSSException {
        ProxyCredential initiator = proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);
        assertEquals(JavaServices.ALICE, initiator.name().toString());
        assertTrue(initiator.canInitiate() && !initiator.canAccept());
        assertTrue(initiator.initLifetime() > 3600, () -> "a fresh TGT: " + initiator.initLifetime());
        assertEquals(0, initiator.acceptLifetime());

        ProxyCredential acceptor = proxy.acquire(proxy.importName(ExampleRealm.HOST_SERVICE,
                GSSName.NT_HOSTBASED_SERVICE), GSSCredential.ACCEPT_ONLY, 0, GSSCredential.INDEFINITE_LIFETIME);
        assertEquals(JavaServices.HOST_PRINCIPAL, acceptor.name().toString());
        assertTrue(acceptor.canAccept() && !acceptor.canInitiate());
        assertEquals(GSSCredential.INDEFINITE_LIFETIME, acceptor.acceptLifetime(), "keytab keys do not expire");

        GSSException noKey = assertThrows(GSSException.class, () -> proxy.acquire(proxy.importName("nfs@localhost",
                GSSName.NT_HOSTBASED_SERVICE), GSSCredential.ACCEPT_ONLY, 0, 0));
        assertTrue(noKey.getMessage().contains("ACQUIRE_CRED through gssproxy"), noKey.getMessage());
    }

    @Test
    void aMutualContextIsEstablishedAndProtectsMessagesThroughTheDaemon() throws GSSException {
        ProxyContext initiator = initiatorToHost(null);
        ProxyContext acceptor = proxy.newAcceptor(null);
        establish(initiator, acceptor);

        for (ProxyContext side : new ProxyContext[] {initiator, acceptor}) {
            assertTrue(side.isEstablished() && side.isProtReady());
            assertEquals(JavaServices.ALICE, side.srcName().toString());
            assertEquals(JavaServices.HOST_PRINCIPAL, side.targName().toString());
            assertEquals(WireOids.KRB5, side.mech());
            long flags = side.flags();
            assertTrue((flags & ProxyContext.MUTUAL) != 0 && (flags & ProxyContext.CONF) != 0
                    && (flags & ProxyContext.INTEG) != 0 && (flags & ProxyContext.REPLAY) != 0, () -> "" + flags);
            assertTrue(side.lifetime() > 3600, () -> "lifetime " + side.lifetime());
        }
        assertTrue(initiator.isInitiator());
        assertFalse(acceptor.isInitiator());

        MessageProp sealed = new MessageProp(0, true);
        byte[] token = initiator.wrap(MESSAGE, sealed);
        assertTrue(sealed.getPrivacy());
        MessageProp received = new MessageProp(0, false);
        assertArrayEquals(MESSAGE, acceptor.unwrap(token, received));
        assertTrue(received.getPrivacy());
        assertFalse(received.isDuplicateToken());

        MessageProp again = new MessageProp(0, false);
        acceptor.unwrap(token, again);
        assertTrue(again.isDuplicateToken(), "the replay window travels in the sealed state");

        byte[] mic = acceptor.getMic(MESSAGE, new MessageProp(0, false));
        initiator.verifyMic(mic, MESSAGE, new MessageProp(0, false));
        byte[] tampered = mic.clone();
        tampered[tampered.length - 1] ^= 1;
        GSSException badMic = assertThrows(GSSException.class,
                () -> initiator.verifyMic(tampered, MESSAGE, new MessageProp(0, false)));
        assertEquals(GSSException.BAD_MIC, badMic.getMajor(), badMic.getMessage());

        int limit = initiator.wrapSizeLimit(0, true, 1000);
        assertTrue(limit > 900 && limit < 1000, () -> "wrap size limit " + limit);
    }

    @Test
    void channelBindingsMustMatch() throws GSSException {
        byte[] binding = "tls-server-end-point:abc".getBytes(StandardCharsets.US_ASCII);
        ProxyContext initiator = initiatorToHost(null);
        initiator.channelBindings(new ChannelBinding(binding));
        ProxyContext acceptor = proxy.newAcceptor(null);
        acceptor.channelBindings(new ChannelBinding(binding));
        establish(initiator, acceptor);
        assertTrue(acceptor.isEstablished());

        ProxyContext other = initiatorToHost(null);
        other.channelBindings(new ChannelBinding(binding));
        ProxyContext mismatched = proxy.newAcceptor(null);
        mismatched.channelBindings(new ChannelBinding("tls-server-end-point:xyz".getBytes()));
        GSSException e = assertThrows(GSSException.class,
                () -> mismatched.acceptSecContext(other.initSecContext(null)));
        assertEquals(GSSException.BAD_BINDINGS, e.getMajor(), e.getMessage());
    }

    @Test
    void noReplyCarriesMitsClearContextExportIntoTheJvm() throws Exception {
        Path dir = Files.createTempDirectory("context-tap");
        try (ContextTap tap = ContextTap.start(dir.resolve("tap.sock"), services.rootSocket());
             GssProxy tapped = GssProxy.open(ConnectionSettings.of(tap.socket()))) {
            ProxyContext initiator = tapped.newInitiator(tapped.importName(ExampleRealm.HOST_SERVICE,
                    GSSName.NT_HOSTBASED_SERVICE), null, WireOids.KRB5, 0);
            ProxyContext acceptor = tapped.newAcceptor(null);
            establish(initiator, acceptor);
            // the daemon sends a fresh copy of a live context every 32nd call (docs/PROTOCOL.md, "Live contexts")
            for (int n = 0; n < 32; n++) {
                byte[] wrapped = initiator.wrap(MESSAGE, new MessageProp(0, true));
                assertArrayEquals(MESSAGE, acceptor.unwrap(wrapped, new MessageProp(0, false)));
            }
            for (int n = 0; n < 32; n++) {
                byte[] mic = acceptor.getMic(MESSAGE, new MessageProp(0, false));
                initiator.verifyMic(mic, MESSAGE, new MessageProp(0, false));
            }

            List<ContextTap.Seen> seen = tap.contexts();
            assertEquals(List.of(Procedure.INIT_SEC_CONTEXT, Procedure.ACCEPT_SEC_CONTEXT, Procedure.INIT_SEC_CONTEXT,
                    Procedure.WRAP, Procedure.UNWRAP, Procedure.GET_MIC, Procedure.VERIFY),
                    seen.stream().map(ContextTap.Seen::procedure).toList(), "every reply that returns a context");
            for (ContextTap.Seen reply : seen) {
                GssxCtx ctx = reply.context();
                if (ctx.open()) {
                    assertTrue(ctx.exportedContextToken().isEmpty(), reply.procedure()
                            + " sent MIT's clear export (the session keys) although the provider asked for sealed_only");
                    assertFalse(ctx.state().isEmpty(), reply.procedure() + ": the sealed copy is what it carries");
                } else {
                    // a partial context travels only sealed: format version 1 first, where MIT's export starts
                    // with the mechanism OID's length (00 00 00 09)
                    assertEquals(1, ctx.exportedContextToken().toByteArray()[0], reply.procedure() + " partial");
                }
            }
        }
    }

    @Test
    void anExportedContextWorksInAnotherInstanceAndATamperedOneIsRefused() throws GSSException {
        ProxyContext initiator = initiatorToHost(null);
        ProxyContext acceptor = proxy.newAcceptor(null);
        establish(initiator, acceptor);
        byte[] exported = acceptor.export();
        GssxCtx held = ExportedContexts.handle(exported);
        assertTrue(held.exportedContextToken().isEmpty(), "MIT's clear export (the session keys) was dropped");
        assertFalse(held.state().isEmpty(), "the daemon's sealed copy is all the provider keeps");
        assertThrows(GSSException.class, () -> acceptor.getMic(MESSAGE, new MessageProp(0, false)),
                "an exported context is gone from here");

        try (GssProxy elsewhere = GssProxy.open(ConnectionSettings.of(services.rootSocket()))) {
            ProxyContext imported = elsewhere.importContext(exported);
            assertArrayEquals(MESSAGE, imported.unwrap(initiator.wrap(MESSAGE, new MessageProp(0, true)),
                    new MessageProp(0, false)));
            assertEquals(JavaServices.ALICE, imported.srcName().toString());

            byte[] tampered = exported.clone();
            tampered[tampered.length / 2] ^= 0x40;
            ProxyContext forged = elsewhere.importContext(tampered);
            GSSException e = assertThrows(GSSException.class,
                    () -> forged.unwrap(initiator.wrap(MESSAGE, new MessageProp(0, true)), new MessageProp(0, false)));
            assertEquals(GSSException.NO_CONTEXT, e.getMajor(), e.getMessage());
            assertTrue(e.getMessage().contains("cannot be used"), e.getMessage());
        }
    }

    @Test
    void anUnsupportedMechanismIsRefusedWithTheDaemonsReason() throws GSSException {
        Oid unknown = new Oid("1.3.6.1.4.1.99999.1");
        ProxyName target = proxy.importName(ExampleRealm.HOST_SERVICE, GSSName.NT_HOSTBASED_SERVICE);
        ProxyCredential alice = proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);
        GSSException e = assertThrows(GSSException.class,
                () -> proxy.newInitiator(target, alice, unknown, 0).initSecContext(null));
        assertEquals(GSSException.BAD_MECH, e.getMajor(), e.getMessage());
        assertTrue(e.getMessage().contains("INIT_SEC_CONTEXT through gssproxy"), e.getMessage());

        // without a credential the daemon first needs one for that mechanism, and says so
        GSSException noCred = assertThrows(GSSException.class,
                () -> proxy.newInitiator(target, null, unknown, 0).initSecContext(null));
        assertTrue(noCred.getMessage().contains("ask for mech_type krb5"), noCred.getMessage());
    }

    @Test
    void manyThreadsShareTwoConnectionsEachWithItsOwnContexts() throws Exception {
        int threads = 8;
        int contextsEach = 3;
        int messagesEach = 5;
        try (GssProxy shared = GssProxy.open(new ConnectionSettings(services.rootSocket(), 2,
                Duration.ofSeconds(30), Duration.ofSeconds(5)));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int unwrapped = 0;
                    for (int c = 0; c < contextsEach; c++) {
                        ProxyContext initiator = shared.newInitiator(shared.importName(ExampleRealm.HOST_SERVICE,
                                GSSName.NT_HOSTBASED_SERVICE), null, WireOids.KRB5, 0);
                        ProxyContext acceptor = shared.newAcceptor(null);
                        establish(initiator, acceptor);
                        for (int m = 0; m < messagesEach; m++) {
                            byte[] message = ("thread " + thread + " context " + c + " message " + m).getBytes();
                            MessageProp prop = new MessageProp(0, false);
                            assertArrayEquals(message, acceptor.unwrap(initiator.wrap(message,
                                    new MessageProp(0, true)), prop));
                            assertFalse(prop.isDuplicateToken() || prop.isGapToken() || prop.isUnseqToken());
                            unwrapped++;
                        }
                    }
                    return unwrapped;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(contextsEach * messagesEach, result.get(2, TimeUnit.MINUTES));
            }
        }
    }

    @Test
    void anEstablishedContextOutlivesAKill9BetweenTwoMessages() throws GSSException {
        ProxyContext initiator = initiatorToHost(null);
        ProxyContext acceptor = proxy.newAcceptor(null);
        establish(initiator, acceptor);
        assertArrayEquals(MESSAGE, acceptor.unwrap(initiator.wrap(MESSAGE, new MessageProp(0, true)),
                new MessageProp(0, false)));

        services.kill9AndRestart();

        byte[] second = "after the restart".getBytes(StandardCharsets.UTF_8);
        MessageProp prop = new MessageProp(0, false);
        assertArrayEquals(second, acceptor.unwrap(initiator.wrap(second, new MessageProp(0, true)), prop));
        assertFalse(prop.isDuplicateToken() || prop.isGapToken() || prop.isUnseqToken(),
                "the sequence state went on where it was");
    }

    @Test
    void aContextOutlivesAKill9BetweenItsLegs() throws GSSException {
        ProxyContext initiator = initiatorToHost(null);
        byte[] apReq = initiator.initSecContext(null);
        ProxyContext acceptor = proxy.newAcceptor(null);
        byte[] apRep = acceptor.acceptSecContext(apReq);

        services.kill9AndRestart();

        assertNull(initiator.initSecContext(apRep));
        assertTrue(initiator.isEstablished());
        assertArrayEquals(MESSAGE, acceptor.unwrap(initiator.wrap(MESSAGE, new MessageProp(0, true)),
                new MessageProp(0, false)));
    }

    private ProxyContext initiatorToHost(ProxyCredential credential) throws GSSException {
        return proxy.newInitiator(proxy.importName(ExampleRealm.HOST_SERVICE, GSSName.NT_HOSTBASED_SERVICE),
                credential, WireOids.KRB5, 0);
    }

    /** Passes tokens between the two until both are established (a mutual krb5 exchange takes three legs). */
    static void establish(ProxyContext initiator, ProxyContext acceptor) throws GSSException {
        byte[] token = initiator.initSecContext(null);
        for (int legs = 0; legs < 10 && token != null; legs++) {
            token = acceptor.acceptSecContext(token);
            if (token != null) {
                token = initiator.initSecContext(token);
            }
        }
        assertTrue(initiator.isEstablished() && acceptor.isEstablished(), "both ends established");
    }
}
