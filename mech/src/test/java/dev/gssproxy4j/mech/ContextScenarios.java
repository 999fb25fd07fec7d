package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.RealmSession.Peers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Context scenarios run against each realm (Kerby with aes-sha1, MIT with aes-sha2), so that both KDCs and both
 * enctype families go through the same assertions.
 */
final class ContextScenarios {

    static final byte[] MESSAGE = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    private ContextScenarios() {
    }

    /** wrap/unwrap (with and without confidentiality) and MICs in both directions, plus inquiry. */
    static void perMessageBothWays(RealmSession s) {
        try (Peers p = s.establish()) {
            assertEquals(s.realm.principal(RealmSession.USER), p.source().display().text());
            exchange(p.initiator(), p.acceptor());
            exchange(p.acceptor(), p.initiator());

            byte[] mic = p.acceptor().getMic(0, MESSAGE);
            byte[] tampered = MESSAGE.clone();
            tampered[0] ^= 1;
            GssException bad = assertThrows(GssException.class, () -> p.initiator().verifyMic(tampered, mic));
            assertEquals(MajorStatus.GSS_S_BAD_SIG, bad.majorStatus());
            assertTrue(bad.getMessage().contains("GSS_S_BAD_SIG"), bad.getMessage());

            long limit = p.initiator().wrapSizeLimit(true, 0, 1000);
            assertTrue(limit > 900 && limit < 1000, "limit " + limit);
            assertTrue(p.initiator().wrap(true, 0, new byte[(int) limit]).token().length <= 1000);

            try (ContextInfo ii = p.initiator().inquire(); ContextInfo ai = p.acceptor().inquire()) {
                assertTrue(ii.locallyInitiated());
                assertFalse(ai.locallyInitiated());
                assertTrue(ii.open() && ai.open());
                assertEquals(Oid.KRB5, ii.mech());
                assertEquals(s.realm.principal(RealmSession.USER), ii.source().display().text());
                assertEquals(s.realm.principal(RealmSession.SERVICE), ii.target().display().text());
                assertTrue(ai.source().compare(ii.source()));
                assertTrue(ContextFlag.of(ii.flags()).containsAll(Set.of(ContextFlag.MUTUAL, ContextFlag.CONF,
                        ContextFlag.INTEG, ContextFlag.SEQUENCE, ContextFlag.REPLAY)), "" + ContextFlag.of(ii.flags()));
                assertTrue(ii.lifetime() > 0 && ii.lifetime() <= 86400 + 300, "lifetime " + ii.lifetime());
            }
            long time = p.initiator().contextTime();
            assertTrue(time > 0 && time <= 86400 + 300, "context time " + time);
        }
    }

    /** A replayed wrap token unwraps with the supplementary status GSS_S_DUPLICATE_TOKEN, which is no error. */
    static void replayIsReportedAsSupplementaryStatus(RealmSession s) {
        try (Peers p = s.establish()) {
            byte[] token = p.initiator().wrap(true, 0, MESSAGE).token();
            assertTrue(p.acceptor().unwrap(token).supplementary().isEmpty());
            UnwrapResult again = p.acceptor().unwrap(token);
            assertEquals(Set.of(MajorStatus.GSS_S_DUPLICATE_TOKEN), again.supplementary());
        }
    }

    /** With mutual authentication: init (CONTINUE) -> accept (COMPLETE, AP-REP) -> init (COMPLETE); else one leg. */
    static void mutualAuthenticationTakesThreeLegs(RealmSession s) {
        Gss gss = s.gss;
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred(); GssName target = s.target()) {
            InitResult first = gss.initSecContext(ic, null, target, Oid.KRB5, RealmSession.FLAGS, 0, null, null);
            assertEquals(MajorStatus.GSS_S_CONTINUE_NEEDED, first.major());
            assertTrue(first.outputToken().length > 0);
            AcceptResult accepted = gss.acceptSecContext(null, ac, first.outputToken(), null);
            assertFalse(accepted.continueNeeded());
            assertTrue(accepted.outputToken().length > 0, "AP-REP expected");
            InitResult last = gss.initSecContext(ic, first.context(), target, Oid.KRB5, RealmSession.FLAGS, 0,
                    null, accepted.outputToken());
            assertEquals(MajorStatus.GSS_S_COMPLETE, last.major());
            assertSame(first.context(), last.context());
            assertEquals(0, last.outputToken().length);
            assertEquals(Oid.KRB5, last.actualMech());
            assertTrue(ContextFlag.MUTUAL.in(last.retFlags()));
            Handles.closeQuietly(first.context(), accepted.context(), accepted.srcName());

            int noMutual = RealmSession.FLAGS & ~ContextFlag.MUTUAL.bit();
            InitResult single = gss.initSecContext(ic, null, target, Oid.KRB5, noMutual, 0, null, null);
            assertEquals(MajorStatus.GSS_S_COMPLETE, single.major());
            AcceptResult oneLeg = gss.acceptSecContext(null, ac, single.outputToken(), null);
            assertFalse(oneLeg.continueNeeded());
            assertEquals(0, oneLeg.outputToken().length);
            exchange(single.context(), oneLeg.context());
            Handles.closeQuietly(single.context(), oneLeg.context(), oneLeg.srcName());
        }
    }

    /** Exporting deletes (closes) the context; the imported copies carry on. */
    static void completeContextsSurviveExportAndImport(RealmSession s) {
        Gss gss = s.gss;
        try (Peers p = s.establish()) {
            exchange(p.initiator(), p.acceptor());
            byte[] initiatorToken = gss.exportContext(p.initiator());
            byte[] acceptorToken = gss.exportContext(p.acceptor());
            assertTrue(p.initiator().isClosed() && p.acceptor().isClosed());
            IllegalStateException closed = assertThrows(IllegalStateException.class,
                    () -> p.initiator().wrap(true, 0, MESSAGE));
            assertTrue(closed.getMessage().contains("closed"));
            try (SecContext i = gss.importContext(initiatorToken); SecContext a = gss.importContext(acceptorToken)) {
                exchange(i, a);
                exchange(a, i);
                try (ContextInfo info = i.inquire()) {
                    assertTrue(info.open() && info.locallyInitiated());
                }
            }
        }
    }

    /** gssproxy's multi-leg INIT: the partial context is exported after leg 1 and re-imported for leg 3. */
    static void partialContextSurvivesExportAndImportBetweenLegs(RealmSession s) {
        Gss gss = s.gss;
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred(); GssName target = s.target()) {
            InitResult first = gss.initSecContext(ic, null, target, Oid.KRB5, RealmSession.FLAGS, 0, null, null);
            byte[] partial = gss.exportContext(first.context());
            assertTrue(first.context().isClosed());
            try (SecContext resumed = gss.importContext(partial)) {
                AcceptResult accepted = gss.acceptSecContext(null, ac, first.outputToken(), null);
                InitResult last = gss.initSecContext(ic, resumed, target, Oid.KRB5, RealmSession.FLAGS, 0, null,
                        accepted.outputToken());
                assertEquals(MajorStatus.GSS_S_COMPLETE, last.major());
                assertSame(resumed, last.context());
                exchange(resumed, accepted.context());
                exchange(accepted.context(), resumed);
                Handles.closeQuietly(accepted.context(), accepted.srcName());
            }
        }
    }

    /** gss_export_cred / gss_import_cred for an initiator from a ccache and for an acceptor from a keytab. */
    static void credentialsSurviveExportAndImport(RealmSession s) {
        Gss gss = s.gss;
        byte[] initiator;
        byte[] acceptor;
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred()) {
            initiator = gss.exportCred(ic);
            acceptor = gss.exportCred(ac);
        }
        try (GssCred ic = gss.importCred(initiator); GssCred ac = gss.importCred(acceptor);
             CredInfo info = gss.inquireCred(ic); CredMechInfo accInfo = gss.inquireCredByMech(ac, Oid.KRB5);
             Peers p = s.establish(ic, ac, RealmSession.FLAGS, null)) {
            assertEquals(s.realm.principal(RealmSession.USER), info.name().display().text());
            assertEquals(CredUsage.INITIATE, info.usage());
            assertEquals(List.of(Oid.KRB5), info.mechs());
            assertEquals(CredUsage.ACCEPT, accInfo.usage());
            assertEquals(s.realm.principal(RealmSession.USER), p.source().display().text());
            exchange(p.initiator(), p.acceptor());
        }
    }

    /** An initiator credential from a client keytab gets its TGT on first use, also after export and import. */
    static void clientKeytabCredentialSurvivesExportAndImport(RealmSession s) {
        Gss gss = s.gss;
        Path keytab = s.realm.keytab("alice.keytab", RealmSession.USER);
        byte[] token;
        try (GssName user = s.user();
             GssCred cred = gss.acquireCred(user, 0, List.of(Oid.KRB5), CredUsage.INITIATE, Map.of(
                     "client_keytab", keytab.toString(), "ccache", "MEMORY:" + UUID.randomUUID()))) {
            token = gss.exportCred(cred);
        }
        try (GssCred ic = gss.importCred(token); GssCred ac = s.acceptorCred();
             Peers p = s.establish(ic, ac, RealmSession.FLAGS, null)) {
            assertEquals(s.realm.principal(RealmSession.USER), p.source().display().text());
            exchange(p.initiator(), p.acceptor());
        }
    }

    /** A MEMORY ccache filled by acquiring from a client keytab holds the TGT until it is destroyed. */
    static void destroyedMemoryCcacheNoLongerHoldsTickets(RealmSession s) {
        Gss gss = s.gss;
        Path keytab = s.realm.keytab("alice.keytab", RealmSession.USER);
        String ccache = "MEMORY:destroy-test-" + UUID.randomUUID();
        try (GssName user = s.user();
             GssCred cred = gss.acquireCred(user, 0, List.of(Oid.KRB5), CredUsage.INITIATE, Map.of(
                     "client_keytab", keytab.toString(), "ccache", ccache));
             GssCred ac = s.acceptorCred();
             Peers p = s.establish(cred, ac, RealmSession.FLAGS, null)) {
            exchange(p.initiator(), p.acceptor());
        }
        try (GssCred fromCache = gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.INITIATE,
                Map.of("ccache", ccache));
             CredInfo info = fromCache.inquire()) {
            assertEquals(s.realm.principal(RealmSession.USER), info.name().display().text());
        }
        gss.destroyCcache(ccache);
        GssException gone = org.junit.jupiter.api.Assertions.assertThrows(GssException.class,
                () -> gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.INITIATE, Map.of("ccache", ccache))
                        .close());
        assertEquals(MajorStatus.GSS_S_NO_CRED, gone.majorStatus());
    }

    /**
     * The lucid form of each side carries the negotiated enctype and the same keys, and its sequence numbers are
     * the ones the peer sees: the initiator's {@code sendSeq} is in the next MIC token's header and is what the
     * acceptor expects next.
     *
     * @return the initiator's lucid context and a MIC it made over {@link #MESSAGE} right after (for further checks)
     */
    static LucidAndMic lucidContextsMatchThePeer(RealmSession s, int enctype) {
        Gss gss = s.gss;
        try (Peers p = s.establish()) {
            for (int i = 0; i < 3; i++) {
                p.acceptor().unwrap(p.initiator().wrap(true, 0, MESSAGE).token());
            }
            p.initiator().unwrap(p.acceptor().wrap(true, 0, MESSAGE).token());

            byte[] exported = gss.exportContext(p.initiator());
            try (SecContext forLucid = gss.importContext(exported); SecContext forMic = gss.importContext(exported)) {
                LucidContext initiator = gss.exportLucid(forLucid, 1);
                assertTrue(forLucid.isClosed(), "lucid export deletes the context");
                assertEquals(1, initiator.version());
                assertTrue(initiator.initiator());
                assertEquals(LucidContext.PROTOCOL_CFX, initiator.protocol());
                assertNull(initiator.rfc1964());
                LucidContext.CfxKeyData keys = initiator.cfx();
                assertEquals(enctype, keys.ctxKey().enctype());
                assertEquals(32, keys.ctxKey().key().length);
                assertTrue(keys.haveAcceptorSubkey(), "MIT acceptors assert a subkey with mutual auth");
                assertEquals(enctype, keys.acceptorSubkey().enctype());
                assertEquals(32, keys.acceptorSubkey().key().length);
                assertTrue(initiator.endtime() > System.currentTimeMillis() / 1000);
                assertFalse(initiator.toString().contains(java.util.HexFormat.of().formatHex(keys.ctxKey().key())));

                byte[] mic = forMic.getMic(0, MESSAGE);
                assertEquals(initiator.sendSeq(), ByteBuffer.wrap(mic, 8, 8).getLong(),
                        "RFC 4121 section 4.2.6.1: SND_SEQ of the next token is the lucid send_seq");
                p.acceptor().verifyMic(MESSAGE, mic);

                LucidContext acceptor = gss.exportLucid(p.acceptor(), 1);
                assertFalse(acceptor.initiator());
                // MIT's lucid recv_seq is the peer's INITIAL sequence number (ctx->seq_recv, lucid_context.c);
                // the replay window that tracks later numbers is not exported. send_seq is the live counter.
                assertEquals(initiator.sendSeq() - 3, acceptor.recvSeq(), "three wraps preceded the export");
                assertEquals(acceptor.sendSeq() - 1, initiator.recvSeq(), "one wrap came back");
                assertArrayEquals(keys.ctxKey().key(), acceptor.cfx().ctxKey().key());
                assertArrayEquals(keys.acceptorSubkey().key(), acceptor.cfx().acceptorSubkey().key());
                return new LucidAndMic(initiator, mic);
            }
        }
    }

    record LucidAndMic(LucidContext lucid, byte[] mic) {
    }

    /** A delegated TGT arrives as a credential the acceptor can initiate with. */
    static void delegatedCredentialCanInitiate(RealmSession s) {
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred();
             Peers p = s.establish(ic, ac, RealmSession.FLAGS | ContextFlag.DELEG.bit(), null)) {
            assertNotNull(p.delegated(), "forwardable TGT + GSS_C_DELEG_FLAG delegates");
            try (CredInfo info = p.delegated().inquire();
                 Peers onward = s.establish(p.delegated(), ac, RealmSession.FLAGS, null)) {
                assertEquals(s.realm.principal(RealmSession.USER), info.name().display().text());
                assertEquals(s.realm.principal(RealmSession.USER), onward.source().display().text());
            }
        }
    }

    /** Matching channel bindings pass; different ones fail with GSS_S_BAD_BINDINGS. */
    static void channelBindingsAreChecked(RealmSession s) {
        ChannelBindings cb = ChannelBindings.ofApplicationData("tls-server-end-point:abc".getBytes());
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred()) {
            try (Peers p = s.establish(ic, ac, RealmSession.FLAGS, cb)) {
                exchange(p.initiator(), p.acceptor());
            }
            try (GssName target = s.target()) {
                InitResult i = s.gss.initSecContext(ic, null, target, Oid.KRB5, RealmSession.FLAGS, 0, cb, null);
                try (SecContext initiator = i.context()) {
                    GssException e = assertThrows(GssException.class, () -> s.gss.acceptSecContext(null, ac,
                            i.outputToken(), ChannelBindings.ofApplicationData("other".getBytes())));
                    assertEquals(MajorStatus.GSS_S_BAD_BINDINGS, e.majorStatus());
                    assertTrue(e.getMessage().contains("Incorrect channel bindings"), e.getMessage());
                    assertFalse(initiator.isClosed(), "the initiator's half-open context stays until closed");
                }
            }
        }
    }

    /**
     * {@code gss_krb5_set_allowable_enctypes}: an acceptor limited to aes128 refuses an aes256 ticket; an initiator
     * limited to aes128 negotiates aes128 context keys (RFC 3962 enctypes 17 and 18; the realm has both).
     */
    static void allowableEnctypesLimitTheCredential(RealmSession s) {
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred()) {
            ac.setAllowableEnctypes(new int[] {17});
            GssException e = assertThrows(GssException.class, () -> s.establish(ic, ac, RealmSession.FLAGS, null));
            assertEquals(MajorStatus.GSS_S_FAILURE, e.majorStatus());
            assertTrue(e.status().minorMessage().contains("aes256-cts-hmac-sha1-96 not permitted"), e.getMessage());
        }
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred()) {
            s.gss.setAllowableEnctypes(ic, new int[] {17});
            try (Peers p = s.establish(ic, ac, RealmSession.FLAGS, null)) {
                LucidContext lucid = p.initiator().exportLucid(1);
                assertEquals(17, lucid.cfx().ctxKey().enctype());
                assertEquals(16, lucid.cfx().ctxKey().key().length);
            }
        }
    }

    /**
     * {@code GSS_KRB5_CRED_NO_CI_FLAGS_X}: MIT normally adds CONF and INTEG to the authenticator's checksum flags
     * even when not requested; with the option only the requested flags reach the acceptor.
     */
    static void noCiFlagsKeepsUnrequestedConfAndIntegOut(RealmSession s) {
        int flags = ContextFlag.MUTUAL.bit() | ContextFlag.SEQUENCE.bit();
        Set<ContextFlag> ci = Set.of(ContextFlag.CONF, ContextFlag.INTEG);
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred()) {
            try (Peers p = s.establish(ic, ac, flags, null); ContextInfo info = p.acceptor().inquire()) {
                assertTrue(ContextFlag.of(info.flags()).containsAll(ci), "" + ContextFlag.of(info.flags()));
            }
            s.gss.setNoCiFlags(ic);
            try (Peers p = s.establish(ic, ac, flags, null); ContextInfo info = p.acceptor().inquire()) {
                Set<ContextFlag> got = ContextFlag.of(info.flags());
                assertFalse(got.contains(ContextFlag.CONF) || got.contains(ContextFlag.INTEG), "" + got);
                assertTrue(got.contains(ContextFlag.MUTUAL));
            }
        }
    }

    /** gss_add_cred_from: a new credential from the store; an element the input already has is a duplicate. */
    static void addCredential(RealmSession s) {
        Map<String, String> store = Map.of("ccache", "FILE:" + s.userCcache);
        try (GssName user = s.user();
             GssCred added = s.gss.addCred(null, user, Oid.KRB5, CredUsage.INITIATE, 0, 0, store);
             CredInfo info = added.inquire()) {
            assertEquals(s.realm.principal(RealmSession.USER), info.name().display().text());
            assertEquals(List.of(Oid.KRB5), info.mechs());
            GssException e = assertThrows(GssException.class, () -> s.gss.addCred(added, user, Oid.KRB5,
                    CredUsage.INITIATE, 0, 0, store));
            assertEquals(MajorStatus.GSS_S_DUPLICATE_ELEMENT, e.majorStatus());
        }
    }

    /** gss_store_cred_into a new FILE ccache, then a credential acquired from that ccache initiates. */
    static void storedCredentialCanBeAcquiredAgain(RealmSession s) {
        Path target = s.realm.dir().resolve("stored-" + UUID.randomUUID() + ".ccache");
        try (GssCred ic = s.initiatorCred()) {
            StoreResult stored = s.gss.storeCredInto(ic, CredUsage.INITIATE, Oid.KRB5, true, false,
                    Map.of("ccache", "FILE:" + target));
            assertTrue(stored.elementsStored().contains(Oid.KRB5), "" + stored);
            assertEquals(CredUsage.INITIATE, stored.usageStored());
        }
        try (GssCred fromStore = s.initiatorCred(target); GssCred ac = s.acceptorCred();
             Peers p = s.establish(fromStore, ac, RealmSession.FLAGS, null)) {
            assertEquals(s.realm.principal(RealmSession.USER), p.source().display().text());
        }
    }

    /**
     * A TGT got with the password (as {@code kinit} gets it, no program run), stored into a FILE ccache, is a
     * credential MIT reads back and initiates with; a wrong password gets nothing.
     */
    static void passwordCredentialStoredInAFileCcacheInitiates(RealmSession s) {
        Path target = s.realm.dir().resolve("password-" + UUID.randomUUID() + ".ccache");
        byte[] password = RealmSession.PASSWORD.getBytes(StandardCharsets.UTF_8);
        try (GssName user = s.user();
             GssCred cred = s.gss.acquireCredWithPassword(user, password, 0, List.of(Oid.KRB5),
                     CredUsage.INITIATE)) {
            StoreResult stored = s.gss.storeCredInto(cred, CredUsage.INITIATE, Oid.KRB5, true, true,
                    Map.of("ccache", "FILE:" + target));
            assertTrue(stored.elementsStored().contains(Oid.KRB5), "" + stored);
        }
        try (GssCred fromStore = s.initiatorCred(target); GssCred ac = s.acceptorCred();
             Peers p = s.establish(fromStore, ac, RealmSession.FLAGS, null)) {
            assertEquals(s.realm.principal(RealmSession.USER), p.source().display().text());
        }
        try (GssName user = s.user()) {
            GssException wrong = assertThrows(GssException.class, () -> s.gss.acquireCredWithPassword(user,
                    "not-the-password".getBytes(StandardCharsets.UTF_8), 0, List.of(Oid.KRB5),
                    CredUsage.INITIATE).close());
            assertEquals("gss_acquire_cred_with_password", wrong.function(), wrong.getMessage());
        }
    }

    /**
     * A MEMORY keytab copied from a keytab file accepts with the file gone, and still after the copy's own handle
     * is closed, as long as a credential uses it; a missing source fails with the krb5 error.
     */
    static void memoryKeytabCopyAcceptsWithoutItsFile(RealmSession s) throws java.io.IOException {
        Path file = s.realm.dir().resolve("copied-" + UUID.randomUUID() + ".keytab");
        java.nio.file.Files.copy(s.serviceKeytab, file);
        String name = "test-" + UUID.randomUUID();
        GssCred ac;
        try (MemoryKeytab copy = s.gss.copyKeytab("FILE:" + file, name)) {
            assertEquals("MEMORY:" + name, copy.name());
            assertTrue(copy.entries() > 0, "the service keytab has keys");
            java.nio.file.Files.delete(file);
            ac = s.acceptorCred(copy.name());
        }
        try (GssCred acceptor = ac; GssCred ic = s.initiatorCred();
             Peers p = s.establish(ic, acceptor, RealmSession.FLAGS, null)) {
            assertEquals(s.realm.principal(RealmSession.USER), p.source().display().text());
        }
        GssException missing = assertThrows(GssException.class,
                () -> s.gss.copyKeytab("FILE:" + file, "test-" + UUID.randomUUID()));
        assertEquals(MajorStatus.GSS_S_FAILURE, missing.majorStatus());
    }

    /**
     * Threads: one context shared by several threads (each call serialised by the context's lock) and several
     * establishments in parallel on two platform threads, sharing the credentials.
     */
    static void concurrentUseIsSafe(RealmSession s) throws Exception {
        try (GssCred ic = s.initiatorCred(); GssCred ac = s.acceptorCred(); Peers p = s.establish(ic, ac,
                RealmSession.FLAGS, null)) {
            List<Thread> threads = new java.util.ArrayList<>();
            java.util.Queue<byte[]> tokens = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 250; i++) {
                        tokens.add(p.initiator().wrap(true, 0, MESSAGE).token());
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(1000, tokens.size());
            for (byte[] token : tokens) {
                // Out-of-order arrival shows up as supplementary status, never as an error.
                assertArrayEquals(MESSAGE, p.acceptor().unwrap(token).message());
            }

            try (var executor = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(executor.submit(() -> {
                        try (Peers q = s.establish(ic, ac, RealmSession.FLAGS, null)) {
                            exchange(q.initiator(), q.acceptor());
                            return q.source().display().text();
                        }
                    }));
                }
                for (var r : results) {
                    assertEquals(s.realm.principal(RealmSession.USER), r.get());
                }
            }
        }
    }

    /** {@code from} protects, {@code to} verifies: a confidential wrap, an integrity-only wrap and a MIC. */
    static void exchange(SecContext from, SecContext to) {
        WrapResult sealed = from.wrap(true, 0, MESSAGE);
        assertTrue(sealed.confState());
        assertFalse(contains(sealed.token(), MESSAGE), "a confidential wrap token must not contain the plaintext");
        UnwrapResult opened = to.unwrap(sealed.token());
        assertArrayEquals(MESSAGE, opened.message());
        assertTrue(opened.confState());
        assertEquals(0, opened.qop());
        assertTrue(opened.supplementary().isEmpty(), "" + opened.supplementary());

        WrapResult signed = from.wrap(false, 0, MESSAGE);
        assertFalse(signed.confState());
        UnwrapResult verified = to.unwrap(signed.token());
        assertArrayEquals(MESSAGE, verified.message());
        assertFalse(verified.confState());

        byte[] mic = from.getMic(0, MESSAGE);
        VerifyResult ok = to.verifyMic(MESSAGE, mic);
        assertEquals(0, ok.qop());
        assertTrue(ok.supplementary().isEmpty());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
