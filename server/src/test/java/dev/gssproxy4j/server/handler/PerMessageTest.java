package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgReleaseHandle;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ArgVerifyMic;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
import dev.gssproxy4j.protocol.proc.ResGetMic;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.protocol.proc.ResVerifyMic;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.cache.LiveContexts;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.creds.StoreScope;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleException;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.xdr.Opaque;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET_MIC, VERIFY, WRAP, UNWRAP and WRAP_SIZE_LIMIT on both ends of a real krb5 context: the first call imports the
 * context from the sealed copy the client carries and keeps it live; every {@link PerMessageContext#CALLS_PER_COPY}
 * calls a fresh copy comes back, from which a daemon without the live context continues.
 */
class PerMessageTest {

    private static final Opaque MESSAGE = Opaque.utf8("the quick brown fox jumps over the lazy dog");

    private static ServerRealm realm;
    private static CallContext call;
    private GssxCtx initiator;
    private GssxCtx acceptor;

    @BeforeAll
    static void start() {
        realm = new ServerRealm();
        call = ServerRealm.call(realm.initiatorService(), realm.resources());
    }

    @AfterAll
    static void stop() {
        realm.close();
    }

    @BeforeEach
    void establish() {
        ServerRealm.Exported exported = realm.establish();
        initiator = carried(exported.initiator());
        acceptor = carried(exported.acceptor());
    }

    @Test
    void wrapAndUnwrapRoundTripAndTheFirstCallsReturnNoCopy() throws InterruptedException {
        ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true, List.of(MESSAGE), 0), call);
        assertTrue(wrapped.status().isComplete());
        assertEquals(1, wrapped.tokenBuffer().size());
        assertEquals(true, wrapped.confState().orElseThrow());
        assertEquals(0L, wrapped.qopState().orElseThrow());
        assertTrue(wrapped.contextHandle().isEmpty(), "the client keeps its copy; the daemon keeps the live context");

        ResUnwrap unwrapped = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, wrapped.tokenBuffer(), 0),
                call);
        assertTrue(unwrapped.status().isComplete());
        assertEquals(List.of(MESSAGE), unwrapped.messageBuffer());
        assertEquals(true, unwrapped.confState().orElseThrow());
        assertTrue(unwrapped.contextHandle().isEmpty());
    }

    @Test
    void everyCallsPerCopyCallsAFreshDescribedCopyComesBack() throws InterruptedException {
        Optional<GssxCtx> copy = Optional.empty();
        for (int n = 1; n <= PerMessageContext.CALLS_PER_COPY; n++) {
            copy = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true, List.of(MESSAGE), 0), call)
                    .contextHandle();
            assertEquals(n == PerMessageContext.CALLS_PER_COPY, copy.isPresent(), "call " + n);
        }
        GssxCtx described = copy.orElseThrow();
        assertTrue(described.open() && described.locallyInitiated());
        assertEquals(Oids.KRB5, described.mech());
        assertEquals(realm.realm.principal(ServerRealm.USER), described.srcName().displayText());
        assertEquals(realm.realm.principal(ServerRealm.SERVICE_PRINCIPAL), described.targName().displayText());
        assertTrue(described.lifetime() > 0);
        assertFalse(described.needsRelease());
        assertNotEquals(initiator.state(), described.state());
    }

    @Test
    void aCopySeenBeforeIsUsedLiveWithoutAnImport() throws InterruptedException {
        new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, acceptor, 0, MESSAGE), call);
        long imports = realm.gss.contextImports();
        long hits = call.resources().liveContexts().hits();
        for (int n = 0; n < 5; n++) {
            assertTrue(new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, acceptor, 0, MESSAGE), call).status()
                    .isComplete());
        }
        assertEquals(imports, realm.gss.contextImports());
        assertEquals(hits + 5, call.resources().liveContexts().hits());
    }

    @Test
    void releasingAContextDeletesItsLiveCopy() throws InterruptedException {
        new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, acceptor, 0, MESSAGE), call);
        assertTrue(new ReleaseHandle().handle(new ArgReleaseHandle(CallCtx.EMPTY, new GssxHandle.SecCtx(acceptor)),
                call).status().isComplete());
        long imports = realm.gss.contextImports();
        new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, acceptor, 0, MESSAGE), call);
        assertEquals(imports + 1, realm.gss.contextImports(), "imported again from the client's copy");
    }

    @Test
    void threadsSharingAContextGetDistinctSequenceNumbers() throws Exception {
        int threads = 4;
        int each = (PerMessageContext.CALLS_PER_COPY - 1) / threads; // all on the copy the threads hold
        List<Opaque> tokens = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        new WrapSizeLimit().handle(new ArgWrapSizeLimit(CallCtx.EMPTY, initiator, true, 0, 1000), call); // cached
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int n = 0; n < each; n++) {
                        tokens.add(new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true, List.of(MESSAGE),
                                0), call).tokenBuffer().getFirst());
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        }
        for (Opaque token : tokens) {
            ResUnwrap unwrapped = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, List.of(token), 0),
                    call);
            assertEquals(List.of(MESSAGE), unwrapped.messageBuffer());
            assertEquals(0, unwrapped.status().majorStatus() & MajorStatus.GSS_S_DUPLICATE_TOKEN.value(),
                    "no two wraps share a sequence number");
        }
    }

    @Test
    void onlyTheFirstMessageBufferIsWrapped() throws InterruptedException {
        ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, false,
                List.of(MESSAGE, Opaque.utf8("ignored")), 0), call);
        assertEquals(false, wrapped.confState().orElseThrow());
        ResUnwrap unwrapped = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, wrapped.tokenBuffer(), 0),
                call);
        assertEquals(List.of(MESSAGE), unwrapped.messageBuffer());
        assertEquals(false, unwrapped.confState().orElseThrow());
    }

    @Test
    void theLiveContextKeepsTheReplayWindow() throws InterruptedException {
        List<Opaque> token = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true, List.of(MESSAGE), 0), call)
                .tokenBuffer();
        assertTrue(new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, token, 0), call).status().isComplete());

        ResUnwrap replayed = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, token, 0), call);
        assertEquals(MajorStatus.GSS_S_DUPLICATE_TOKEN.value(), replayed.status().majorStatus(),
                "a replay is reported as the supplementary bit, which is no error");
        assertFalse(replayed.status().majorStatusString().isEmpty());
        assertEquals(List.of(MESSAGE), replayed.messageBuffer(), "the outputs come with the supplementary status");
    }

    @Test
    void aDaemonWithoutTheLiveContextContinuesFromTheLatestCopy() throws InterruptedException {
        List<List<Opaque>> tokens = new java.util.ArrayList<>();
        GssxCtx sender = initiator;
        GssxCtx copy = acceptor;
        for (int n = 1; n <= PerMessageContext.CALLS_PER_COPY; n++) {
            ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, sender, true, List.of(MESSAGE), 0), call);
            sender = wrapped.contextHandle().orElse(sender);
            tokens.add(wrapped.tokenBuffer());
            copy = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, copy, wrapped.tokenBuffer(), 0), call)
                    .contextHandle().orElse(copy);
        }
        assertNotEquals(acceptor.state(), copy.state(), "a fresh copy came back");

        // a restarted daemon: same keyring, no live contexts
        ServerResources restarted = realm.resources(call.resources().sealer(), Clock.systemUTC());
        CallContext after = ServerRealm.call(realm.initiatorService(), restarted);
        ResUnwrap replayed = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, copy, tokens.getLast(), 0), after);
        assertEquals(MajorStatus.GSS_S_DUPLICATE_TOKEN.value(), replayed.status().majorStatus(),
                "the copy carries the replay window up to its last message");
        List<Opaque> next = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, sender, true, List.of(MESSAGE), 0), call)
                .tokenBuffer();
        ResUnwrap unwrapped = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, copy, next, 0), after);
        assertEquals(0, unwrapped.status().majorStatus(), () -> unwrapped.status().majorStatusString().toText());
        restarted.liveContexts().close();
    }

    @Test
    void micsVerifyAndATamperedMessageIsBadSig() throws InterruptedException {
        ResGetMic mic = new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, acceptor, 0, MESSAGE), call);
        assertTrue(mic.status().isComplete());
        assertTrue(mic.tokenBuffer().length() > 0);
        assertEquals(0L, mic.qopState().orElseThrow());
        ResVerifyMic verified = new VerifyMic().handle(new ArgVerifyMic(CallCtx.EMPTY, initiator, MESSAGE,
                mic.tokenBuffer()), call);
        assertTrue(verified.status().isComplete());
        assertEquals(0L, verified.qopState().orElseThrow());

        GssException bad = assertThrows(GssException.class, () -> new VerifyMic().handle(new ArgVerifyMic(
                CallCtx.EMPTY, initiator, Opaque.utf8("the quick brown fox jumps over the lazy cat"),
                mic.tokenBuffer()), call));
        assertEquals(MajorStatus.GSS_S_BAD_SIG, bad.majorStatus());
    }

    @Test
    void wrapSizeLimitIsTheLargestMessageThatFits() throws InterruptedException {
        long limit = new WrapSizeLimit().handle(new ArgWrapSizeLimit(CallCtx.EMPTY, initiator, true, 0, 1000), call)
                .maxInputSize();
        assertTrue(limit > 900 && limit < 1000, "limit " + limit);
        ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true,
                List.of(Opaque.of(new byte[(int) limit])), 0), call);
        assertTrue(wrapped.tokenBuffer().getFirst().length() <= 1000);
    }

    @Test
    void aContextWithoutStateIsNoContextInEveryProcedureAndNothingIsImported() {
        GssxCtx clearOnly = initiator.withTokenAndState(initiator.exportedContextToken(), Opaque.EMPTY);
        for (PerMessageCall procedure : PerMessageCall.values()) {
            GssException e = refusedWithoutImport(procedure, clearOnly);
            assertEquals(MajorStatus.GSS_S_NO_CONTEXT, e.majorStatus(), procedure.name());
            assertTrue(e.status().minorMessage().contains("gssx_ctx.state"), e.status().minorMessage());
        }
    }

    @Test
    void garbageTruncatedOrForeignStateIsNoContextAndNothingIsImported() {
        byte[] state = initiator.state().toByteArray();
        List<GssxCtx> bad = List.of(
                withState(initiator, new byte[] {0, 0, 0, 9, 1, 2, 3}),
                withState(initiator, Arrays.copyOf(state, state.length - 1)),
                withState(initiator, flipped(state, state.length / 2)),
                withState(initiator, sealedFor(ServerRealm.CALLER_UID + 1, initiator)));
        for (GssxCtx handle : bad) {
            for (PerMessageCall procedure : PerMessageCall.values()) {
                assertEquals(MajorStatus.GSS_S_NO_CONTEXT, refusedWithoutImport(procedure, handle).majorStatus(),
                        procedure.name());
            }
        }
    }

    @Test
    void anAlteredCopyWithTheLiveCopysTagDoesNotReachTheLiveContext() throws InterruptedException {
        assertTrue(new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, initiator, 0, MESSAGE), call).status()
                .isComplete());
        long hits = call.resources().liveContexts().hits();
        byte[] state = initiator.state().toByteArray();
        GssxCtx altered = withState(initiator, flipped(state, state.length / 2)); // the tag is the last 16 bytes
        assertEquals(MajorStatus.GSS_S_NO_CONTEXT, refusedWithoutImport(PerMessageCall.GET_MIC, altered)
                .majorStatus());
        assertEquals(hits, call.resources().liveContexts().hits());
    }

    @Test
    void theClearTokenIsNeverImportedOnlyTheSealedCopy() throws InterruptedException {
        GssxCtx hostileToken = initiator.withTokenAndState(Opaque.of(new byte[1219]), initiator.state());
        ResGetMic mic = new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, hostileToken, 0, MESSAGE), call);
        assertTrue(mic.status().isComplete(), "the state alone carries the context");
        for (int n = 1; n < PerMessageContext.CALLS_PER_COPY; n++) {
            mic = new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, hostileToken, 0, MESSAGE), call);
        }
        GssxCtx returned = mic.contextHandle().orElseThrow();
        assertFalse(returned.state().isEmpty());
        assertFalse(returned.exportedContextToken().isEmpty(), "a fresh clear token comes back for local import");
    }

    @Test
    void aSealedCopyPastTheContextsEndIsContextExpired() {
        GssxCtx expired = withState(initiator, SealedContexts.sealComplete(call,
                initiator.exportedContextToken().toByteArray(), 0).toByteArray());
        assertEquals(MajorStatus.GSS_S_CONTEXT_EXPIRED,
                refusedWithoutImport(PerMessageCall.WRAP_SIZE_LIMIT, expired).majorStatus());
    }

    @Test
    void aLaterCopyReusesTheDescriptionKeepsTheEndAndCountsDownTheLifetime() throws InterruptedException {
        Instant[] now = {Instant.now()};
        ServerResources resources = realm.resources(call.resources().sealer(), settable(now));
        CallContext timed = ServerRealm.call(realm.initiatorService(), resources);
        GssxCtx first = wrapUntilCopy(initiator, timed);
        now[0] = now[0].plusSeconds(600);
        GssxCtx second = wrapUntilCopy(first, timed);

        // the very names of the first copy: the context was not described by MIT again
        assertSame(first.srcName(), second.srcName());
        assertSame(first.targName(), second.targName());
        assertEquals(first.mech(), second.mech());
        assertEquals(first.ctxFlags(), second.ctxFlags());
        assertEquals(first.open(), second.open());
        assertEquals(first.locallyInitiated(), second.locallyInitiated());
        // the fake clock moved 600 s and the real one almost not: a lifetime MIT reported would not have
        assertEquals(first.lifetime() - 600, second.lifetime());
        assertEquals(expiry(first, timed), expiry(second, timed), "a fresh copy ends when the context ends");
        assertNotEquals(first.state(), second.state());
    }

    @Test
    void aLiveContextPastItsCopysEndIsContextExpired() throws InterruptedException {
        Instant[] now = {Instant.now()};
        ServerResources resources = realm.resources(call.resources().sealer(), settable(now));
        CallContext timed = ServerRealm.call(realm.initiatorService(), resources);
        assertTrue(new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, initiator, 0, MESSAGE), timed).status()
                .isComplete());
        assertEquals(1, resources.liveContexts().size());
        now[0] = now[0].plusSeconds(3600);
        GssException e = assertThrows(GssException.class, () -> new GetMic().handle(new ArgGetMic(CallCtx.EMPTY,
                initiator, 0, MESSAGE), timed));
        assertEquals(MajorStatus.GSS_S_CONTEXT_EXPIRED, e.majorStatus());
        assertEquals(0, resources.liveContexts().size(), "the expired context is deleted");
    }

    @Test
    void oneUidMakingManyContextsLiveEvictsItsOwnNotAnotherUids() throws InterruptedException {
        ServerResources base = realm.resources(call.resources().sealer(), Clock.systemUTC());
        LiveContexts small = new LiveContexts(16); // an eighth: 2 per uid
        ServerResources resources = new ServerResources(base.gss(), base.sealer(), base.users(), base.clock(),
                base.credCache(), base.keytabMirrors(), base.gssCalls(), base.acceptorNames(), small);
        CallContext victim = ServerRealm.call(realm.initiatorService(), resources);
        CallContext other = new CallContext(new Caller(ServerRealm.OTHER_UID, ServerRealm.OTHER_UID, 1,
                Optional.empty(), Optional.empty(), victim.caller().socket()), victim.service(), victim.config(), 1,
                resources);
        GssxCtx victims = withState(initiator, SealedContexts.sealComplete(victim,
                initiator.exportedContextToken().toByteArray(), 3600).toByteArray());
        new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, victims, 0, MESSAGE), victim);

        for (int n = 0; n < 20; n++) { // more than the whole capacity
            byte[] token = realm.establish().acceptor();
            GssxCtx others = withState(acceptor, SealedContexts.sealComplete(other, token, 3600).toByteArray());
            new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, others, 0, MESSAGE), other);
        }
        assertEquals(3, small.size(), "the other uid keeps its share of 2, the victim its 1");
        long imports = realm.gss.contextImports();
        new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, victims, 0, MESSAGE), victim);
        assertEquals(imports, realm.gss.contextImports(), "the victim's context is still live");
        small.close();
    }

    @Test
    void aQopThatDoesNotFitIn32BitsIsBadQop() throws InterruptedException {
        GssException e = assertThrows(GssException.class, () -> new GetMic().handle(
                new ArgGetMic(CallCtx.EMPTY, initiator, 1L << 32, MESSAGE), call));
        assertEquals(MajorStatus.GSS_S_BAD_QOP, e.majorStatus());
    }

    /** The five procedures that take a complete context, each called with {@code handle}. */
    private enum PerMessageCall {
        GET_MIC, VERIFY_MIC, WRAP, UNWRAP, WRAP_SIZE_LIMIT;

        void call(GssxCtx handle) throws InterruptedException {
            switch (this) {
                case GET_MIC -> new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, handle, 0, MESSAGE), PerMessageTest.call);
                case VERIFY_MIC -> new VerifyMic().handle(new ArgVerifyMic(CallCtx.EMPTY, handle, MESSAGE,
                        Opaque.of(new byte[28])), PerMessageTest.call);
                case WRAP -> new Wrap().handle(new ArgWrap(CallCtx.EMPTY, handle, true, List.of(MESSAGE), 0),
                        PerMessageTest.call);
                case UNWRAP -> new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, handle,
                        List.of(Opaque.of(new byte[60])), 0), PerMessageTest.call);
                case WRAP_SIZE_LIMIT -> new WrapSizeLimit().handle(new ArgWrapSizeLimit(CallCtx.EMPTY, handle, true,
                        0, 1000), PerMessageTest.call);
            }
        }
    }

    /** A clock at {@code now[0]}, which the test moves. */
    private static Clock settable(Instant[] now) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
    }

    /** Wraps with {@code handle} until a fresh copy comes back, and returns it. */
    private static GssxCtx wrapUntilCopy(GssxCtx handle, CallContext call) throws InterruptedException {
        for (int n = 1; n <= PerMessageContext.CALLS_PER_COPY; n++) {
            Optional<GssxCtx> copy = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, handle, true, List.of(MESSAGE), 0),
                    call).contextHandle();
            if (copy.isPresent()) {
                return copy.get();
            }
        }
        throw new AssertionError("no fresh copy after " + PerMessageContext.CALLS_PER_COPY + " calls");
    }

    /** When the sealed copy in {@code handle.state} expires, as the daemon of {@code call} opens it. */
    private static Instant expiry(GssxCtx handle, CallContext call) {
        try {
            return call.resources().sealer().open(HandleKind.CONTEXT, Binding.of(StoreScope.of(call.service()),
                    call.caller().uid()), handle.state().toByteArray(), call.resources().clock().instant()).expiry();
        } catch (HandleException e) {
            throw new AssertionError(e);
        }
    }

    /** The refusal of {@code procedure} on {@code handle}, checking that no context import was attempted. */
    private static GssException refusedWithoutImport(PerMessageCall procedure, GssxCtx handle) {
        long imports = realm.gss.contextImports();
        GssException e = assertThrows(GssException.class, () -> procedure.call(handle), procedure.name());
        assertEquals(imports, realm.gss.contextImports(), procedure + " must not call gss_import_sec_context");
        return e;
    }

    /**
     * A context handle as a client holds it after INIT/ACCEPT: MIT's clear token and the daemon's sealed copy of
     * it for the test caller, as {@link ContextTokens} returns them.
     */
    private static GssxCtx carried(byte[] token) {
        return new GssxCtx(Opaque.of(token), SealedContexts.sealComplete(call, token, 3600), false, Oids.KRB5,
                GssxName.EMPTY, GssxName.EMPTY, 3600, 0, false, true, List.of());
    }

    private static GssxCtx withState(GssxCtx handle, byte[] state) {
        return handle.withTokenAndState(handle.exportedContextToken(), Opaque.of(state));
    }

    /** {@code handle}'s clear token sealed for another caller uid (another user's stolen context). */
    private static byte[] sealedFor(int uid, GssxCtx handle) {
        CallContext other = new CallContext(new Caller(uid, uid, 1, Optional.empty(), Optional.empty(),
                call.caller().socket()), call.service(), call.config(), 1, call.resources());
        return SealedContexts.sealComplete(other, handle.exportedContextToken().toByteArray(), 3600).toByteArray();
    }

    private static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
