package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ArgVerifyMic;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
import dev.gssproxy4j.protocol.proc.ResGetMic;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.protocol.proc.ResVerifyMic;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET_MIC, VERIFY, WRAP, UNWRAP and WRAP_SIZE_LIMIT on both ends of a real krb5 context: each call imports the
 * context the client carries and returns the updated one, so sequence numbers and replay detection travel with it.
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
    void wrapAndUnwrapRoundTripAndReturnDescribedContexts() throws InterruptedException {
        ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true, List.of(MESSAGE), 0), call);
        assertTrue(wrapped.status().isComplete());
        assertEquals(1, wrapped.tokenBuffer().size());
        assertEquals(true, wrapped.confState().orElseThrow());
        assertEquals(0L, wrapped.qopState().orElseThrow());
        GssxCtx described = wrapped.contextHandle().orElseThrow();
        assertTrue(described.open() && described.locallyInitiated());
        assertEquals(Oids.KRB5, described.mech());
        assertEquals(realm.realm.principal(ServerRealm.USER), described.srcName().displayText());
        assertEquals(realm.realm.principal(ServerRealm.SERVICE_PRINCIPAL), described.targName().displayText());
        assertTrue(described.lifetime() > 0);
        assertFalse(described.needsRelease());

        ResUnwrap unwrapped = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, wrapped.tokenBuffer(), 0),
                call);
        assertTrue(unwrapped.status().isComplete());
        assertEquals(List.of(MESSAGE), unwrapped.messageBuffer());
        assertEquals(true, unwrapped.confState().orElseThrow());
        assertFalse(unwrapped.contextHandle().orElseThrow().locallyInitiated());
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
    void theReturnedContextCarriesTheReplayWindow() throws InterruptedException {
        List<Opaque> token = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true, List.of(MESSAGE), 0), call)
                .tokenBuffer();
        ResUnwrap first = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, token, 0), call);
        assertNotEquals(acceptor.exportedContextToken(), first.contextHandle().orElseThrow().exportedContextToken());

        ResUnwrap replayed = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, first.contextHandle().orElseThrow(),
                token, 0), call);
        assertEquals(MajorStatus.GSS_S_DUPLICATE_TOKEN.value(), replayed.status().majorStatus(),
                "a replay is reported as the supplementary bit, which is no error");
        assertFalse(replayed.status().majorStatusString().isEmpty());
        assertEquals(List.of(MESSAGE), replayed.messageBuffer(), "the outputs come with the supplementary status");
        assertTrue(replayed.contextHandle().isPresent());
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
        assertTrue(verified.contextHandle().orElseThrow().open());

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
    void theClearTokenIsNeverImportedOnlyTheSealedCopy() throws InterruptedException {
        GssxCtx hostileToken = initiator.withTokenAndState(Opaque.of(new byte[1219]), initiator.state());
        ResGetMic mic = new GetMic().handle(new ArgGetMic(CallCtx.EMPTY, hostileToken, 0, MESSAGE), call);
        assertTrue(mic.status().isComplete(), "the state alone carries the context");
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
