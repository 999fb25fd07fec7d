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
import dev.gssproxy4j.server.dispatch.CallContext;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
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

    private static HandlerRealm realm;
    private static CallContext call;
    private GssxCtx initiator;
    private GssxCtx acceptor;

    @BeforeAll
    static void start() {
        realm = new HandlerRealm();
        call = HandlerRealm.call(realm.initiatorService(), realm.resources());
    }

    @AfterAll
    static void stop() {
        realm.close();
    }

    @BeforeEach
    void establish() {
        HandlerRealm.Exported exported = realm.establish();
        initiator = carried(exported.initiator());
        acceptor = carried(exported.acceptor());
    }

    @Test
    void wrapAndUnwrapRoundTripAndReturnDescribedContexts() {
        ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true, List.of(MESSAGE), 0), call);
        assertTrue(wrapped.status().isComplete());
        assertEquals(1, wrapped.tokenBuffer().size());
        assertEquals(true, wrapped.confState().orElseThrow());
        assertEquals(0L, wrapped.qopState().orElseThrow());
        GssxCtx described = wrapped.contextHandle().orElseThrow();
        assertTrue(described.open() && described.locallyInitiated());
        assertEquals(Oids.KRB5, described.mech());
        assertEquals(realm.realm.principal(HandlerRealm.USER), described.srcName().displayText());
        assertEquals(realm.realm.principal(HandlerRealm.SERVICE), described.targName().displayText());
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
    void onlyTheFirstMessageBufferIsWrapped() {
        ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, false,
                List.of(MESSAGE, Opaque.utf8("ignored")), 0), call);
        assertEquals(false, wrapped.confState().orElseThrow());
        ResUnwrap unwrapped = new Unwrap().handle(new ArgUnwrap(CallCtx.EMPTY, acceptor, wrapped.tokenBuffer(), 0),
                call);
        assertEquals(List.of(MESSAGE), unwrapped.messageBuffer());
        assertEquals(false, unwrapped.confState().orElseThrow());
    }

    @Test
    void theReturnedContextCarriesTheReplayWindow() {
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
    void micsVerifyAndATamperedMessageIsBadSig() {
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
    void wrapSizeLimitIsTheLargestMessageThatFits() {
        long limit = new WrapSizeLimit().handle(new ArgWrapSizeLimit(CallCtx.EMPTY, initiator, true, 0, 1000), call)
                .maxInputSize();
        assertTrue(limit > 900 && limit < 1000, "limit " + limit);
        ResWrap wrapped = new Wrap().handle(new ArgWrap(CallCtx.EMPTY, initiator, true,
                List.of(Opaque.of(new byte[(int) limit])), 0), call);
        assertTrue(wrapped.tokenBuffer().getFirst().length() <= 1000);
    }

    @Test
    void aHandleWithoutTokenIsNoContextAndAGarbageTokenIsRefused() {
        GssxCtx empty = carried(new byte[0]);
        GssException none = assertThrows(GssException.class, () -> new GetMic().handle(
                new ArgGetMic(CallCtx.EMPTY, empty, 0, MESSAGE), call));
        assertEquals(MajorStatus.GSS_S_NO_CONTEXT, none.majorStatus());
        assertTrue(none.status().minorMessage().contains("empty exported_context_token"));

        GssException garbage = assertThrows(GssException.class, () -> new Wrap().handle(
                new ArgWrap(CallCtx.EMPTY, carried(new byte[] {0, 0, 0, 9, 1, 2, 3}), true, List.of(MESSAGE), 0),
                call));
        assertTrue(garbage.status().isError());
    }

    @Test
    void aQopThatDoesNotFitIn32BitsIsBadQop() {
        GssException e = assertThrows(GssException.class, () -> new GetMic().handle(
                new ArgGetMic(CallCtx.EMPTY, initiator, 1L << 32, MESSAGE), call));
        assertEquals(MajorStatus.GSS_S_BAD_QOP, e.majorStatus());
    }

    /** A context handle as a client holds it after INIT/ACCEPT: the token is what matters. */
    private static GssxCtx carried(byte[] token) {
        return new GssxCtx(Opaque.of(token), Opaque.EMPTY, false, Oids.KRB5, GssxName.EMPTY, GssxName.EMPTY, 0, 0,
                false, true, List.of());
    }
}
