package dev.gssproxy4j.jgss.gss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.jgss.gss.FakeDaemon.Action;
import dev.gssproxy4j.jgss.gss.FakeDaemon.Answer;
import dev.gssproxy4j.jgss.gss.FakeDaemon.Call;
import dev.gssproxy4j.jgss.gss.FakeDaemon.Hangup;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes to the daemon again after a connection broke, against a scripted daemon: calls that cannot have
 * arrived and calls that may run twice are resent on a new connection; a context-establishment leg that may have
 * arrived is not (a second copy of the token would be a replay), and the error says so.
 */
@Timeout(30)
class DaemonLinkTest {

    private static final GssxName ALICE = new GssxName(Opaque.utf8("alice@EXAMPLE.TEST"), Oids.KRB5_NT_PRINCIPAL_NAME,
            Opaque.of(ExportedNames.token(WireOids.KRB5, "alice@EXAMPLE.TEST".getBytes())), Opaque.EMPTY, List.of(),
            List.of());
    private static final GssxName HOST = new GssxName(Opaque.utf8("host/localhost@EXAMPLE.TEST"),
            Oids.KRB5_NT_PRINCIPAL_NAME, Opaque.EMPTY, Opaque.EMPTY, List.of(), List.of());

    @TempDir
    Path dir;

    @Test
    void anAcceptLegThatMayHaveArrivedIsNotSentAgain() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> switch (call.procedure()) {
            case ACQUIRE_CRED -> acceptorCred();
            default -> new Hangup();
        }); GssProxy proxy = GssProxy.open(settings(daemon.socket()), GssProxy.NO_ENVIRONMENT)) {
            ProxyCredential cred = proxy.acquire(null, GSSCredential.ACCEPT_ONLY, 0, 0);
            ProxyContext acceptor = proxy.newAcceptor(cred);

            GSSException e = assertThrows(GSSException.class, () -> acceptor.acceptSecContext(new byte[] {1, 2}));

            assertEquals(GSSException.FAILURE, e.getMajor());
            assertTrue(e.getMessage().contains("broke during ACCEPT_SEC_CONTEXT"), e.getMessage());
            assertEquals(1, daemon.count(Procedure.ACCEPT_SEC_CONTEXT), "the token went to the daemon once");
            assertThrows(GSSException.class, () -> acceptor.acceptSecContext(new byte[] {1, 2}),
                    "a context whose leg failed is over");
        }
    }

    @Test
    void aLegOnAConnectionTheDaemonDroppedBeforeTheCallGoesToTheNextDaemon() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> switch (call.procedure()) {
            case ACQUIRE_CRED -> acceptorCred();
            case ACCEPT_SEC_CONTEXT -> accepted(context("sealed-1"));
            default -> new Hangup();
        }); GssProxy proxy = GssProxy.open(settings(daemon.socket()), GssProxy.NO_ENVIRONMENT)) {
            ProxyCredential cred = proxy.acquire(null, GSSCredential.ACCEPT_ONLY, 0, 0);
            daemon.dropConnections(); // kill -9: the pooled connection is dead before the leg is written

            ProxyContext acceptor = proxy.newAcceptor(cred);
            assertEquals(null, acceptor.acceptSecContext(new byte[] {1, 2}));

            assertTrue(acceptor.isEstablished());
            assertEquals("alice@EXAMPLE.TEST", acceptor.srcName().toString());
            assertEquals(1, daemon.count(Procedure.ACCEPT_SEC_CONTEXT));
        }
    }

    @Test
    void aPerMessageCallWhoseAnswerWasLostIsSentAgainWithTheSameState() throws Exception {
        AtomicInteger wraps = new AtomicInteger();
        Function<Call, Action> script = call -> switch (call.procedure()) {
            case ACCEPT_SEC_CONTEXT -> accepted(context("sealed-1"));
            case WRAP -> wraps.incrementAndGet() == 1 ? new Hangup()
                    : new Answer(new ResWrap(GssxStatus.COMPLETE, Optional.of(context("sealed-2")),
                            List.of(Opaque.utf8("token")), Optional.of(true), Optional.of(0L)));
            default -> new Hangup();
        };
        try (FakeDaemon daemon = FakeDaemon.start(dir, script);
             GssProxy proxy = GssProxy.open(settings(daemon.socket()), GssProxy.NO_ENVIRONMENT)) {
            ProxyContext acceptor = proxy.newAcceptor(null);
            acceptor.acceptSecContext(new byte[] {1});

            MessageProp prop = new MessageProp(0, true);
            assertArrayEquals("token".getBytes(), acceptor.wrap("hello".getBytes(), prop));

            List<ArgWrap> sent = daemon.calls().stream().filter(c -> c.procedure() == Procedure.WRAP)
                    .map(c -> (ArgWrap) c.args()).toList();
            assertEquals(2, sent.size());
            assertEquals(sent.get(0), sent.get(1), "the same call, with the same context state");
            assertEquals(Opaque.utf8("sealed-1"), sent.get(0).contextHandle().state());
            assertTrue(sent.get(0).contextHandle().exportedContextToken().isEmpty(),
                    "the clear token (session keys) is dropped on arrival when the daemon sealed a copy");
            ArgAcceptSecContext accept = (ArgAcceptSecContext) daemon.calls().getFirst().args();
            for (CallCtx callCtx : List.of(accept.callCtx(), sent.get(0).callCtx())) {
                assertEquals(Optional.of("1"), Options.valueText(callCtx.options(), "gssproxy4j.sealed_only"),
                        "asks the daemon not to send the clear token at all");
            }
            assertTrue(prop.getPrivacy());
        }
    }

    @Test
    void aNewConnectionClosedWithoutAnAnswerPointsAtTheServiceConfiguration() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> new Hangup());
             GssProxy proxy = GssProxy.open(settings(daemon.socket()), GssProxy.NO_ENVIRONMENT)) {
            GSSException e = assertThrows(GSSException.class,
                    () -> proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0));

            assertTrue(e.getMessage().contains("closed the connection without answering ACQUIRE_CRED"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("no [service/...] section matches"), e.getMessage());
            assertTrue(e.getMessage().contains(daemon.socket().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("uid " + ThisProcess.effectiveUid().orElseThrow()), e.getMessage());
            assertEquals(1, daemon.count(Procedure.ACQUIRE_CRED), "a refusal is not retried");
        }
    }

    @Test
    void aMissingSocketIsNamedWithTheWaysToSetIt() throws Exception {
        Path missing = dir.resolve("no-daemon.sock");
        try (GssProxy proxy = GssProxy.open(settings(missing), GssProxy.NO_ENVIRONMENT)) {
            GSSException e = assertThrows(GSSException.class,
                    () -> proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0));

            assertEquals(GSSException.FAILURE, e.getMajor());
            assertTrue(e.getMessage().contains(missing + " as uid "), e.getMessage());
            assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("GSSPROXY_SOCKET"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("Mechanism level: null"), e.getMessage());
        }
    }

    /** The link's own behaviour: no GET_CALL_CONTEXT in between (ClientEnvironmentTest covers that). */
    private static ConnectionSettings settings(Path socket) {
        return new ConnectionSettings(socket, 2, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    private static Answer acceptorCred() {
        GssxCred cred = new GssxCred(HOST, List.of(new CredElement(HOST, Oids.KRB5, CredUsage.ACCEPT, 0,
                0xffff_ffffL, List.of())), Opaque.utf8("sealed-cred"), false);
        return new Answer(new ResAcquireCred(GssxStatus.COMPLETE, Optional.of(cred), List.of()));
    }

    private static GssxCtx context(String state) {
        return new GssxCtx(Opaque.utf8("clear MIT export with keys"), Opaque.utf8(state), false, Oids.KRB5, ALICE,
                HOST, 3600, ProxyContext.MUTUAL | ProxyContext.CONF | ProxyContext.INTEG, false, true, List.of());
    }

    private static Answer accepted(GssxCtx ctx) {
        return new Answer(new ResAcceptSecContext(GssxStatus.COMPLETE, Optional.of(ctx), Optional.of(Opaque.EMPTY),
                Optional.empty(), List.of()));
    }
}
