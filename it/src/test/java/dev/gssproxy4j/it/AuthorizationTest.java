package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.xdr.Opaque;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, decided from {@code SO_PEERCRED} and {@code /proc/PID/exe} of real processes: calls from other
 * uids come from child JVMs run as those uids ({@link OtherUidCalls}); uid 0 calls come from this JVM, whose program
 * is the JDK's {@code java}. One daemon, one socket per service so no two services compete for a caller.
 */
class AuthorizationTest {

    private static final String GSS_SERVER = "/usr/bin/gss-server";

    private static ExampleRealm realm;
    private static Gssproxy4jDaemon daemon;
    private static OtherUidCalls otherUids;
    private static LocalUser userA;
    private static LocalUser userB;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "callers of other uids are started with setpriv, which needs root");
        userA = LocalUsers.ensure(LocalUsers.SERVICE);
        userB = LocalUsers.ensure(LocalUsers.CLIENT);
        realm = ExampleRealm.start();
        otherUids = OtherUidCalls.prepare();
        daemon = Gssproxy4jDaemon.start(realm.environment(), socket -> """
                [service/root-acceptor]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  euid = 0
                  socket = %2$s

                [service/gss-server-only]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  program = %3$s
                  euid = 0
                  socket = %4$s

                [service/initiate-only]
                  mechs = krb5
                  cred_store = client_keytab:%5$s
                  cred_usage = initiate
                  euid = 0
                  socket = %6$s

                [service/any-uid]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  allow_any_uid = yes
                  euid = %7$d
                  socket = %8$s
                """.formatted(realm.hostKeytab, socket, GSS_SERVER, program(socket), realm.aliceKeytab,
                initiate(socket), userA.uid(), anyUid(socket)));
        Path main = daemon.socket();
        DaemonSockets.awaitAll(daemon, program(main), initiate(main), anyUid(main));
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(daemon, otherUids, realm);
    }

    private static Path program(Path main) {
        return main.resolveSibling("program.sock");
    }

    private static Path initiate(Path main) {
        return main.resolveSibling("initiate.sock");
    }

    private static Path anyUid(Path main) {
        return main.resolveSibling("any.sock");
    }

    @Test
    void aUidWithoutAServiceIsToldWhyInsteadOfDropped() {
        LocalUser nobody = LocalUsers.lookup("nobody").orElse(new LocalUser("nobody", 65534, 65534));

        byte[] reply = otherUids.callOnce(nobody, daemon.socket(),
                Wire.callRecord(7, Procedure.INDICATE_MECHS, Args.indicateMechs())).orElseThrow(
                () -> new AssertionError("the connection was dropped (upstream's way); gssproxy4j answers"));

        GssxStatus status = Wire.results(reply, Procedure.INDICATE_MECHS, ResIndicateMechs.class).status();
        assertRefused(status, MajorStatus.GSS_S_UNAUTHORIZED, "no service accepts uid " + nobody.uid(),
                "on socket " + daemon.socket());
        assertNotMentioned(status, "root-acceptor", "euid");
        // the detail is root's: in the daemon's log
        Logs.awaitLine(daemon, "No matching service found", "uid " + nobody.uid(), "matches no service",
                "service 'root-acceptor' wants euid 0");
        assertTrue(daemon.isAlive());
    }

    @Test
    void aServiceForAnotherProgramDoesNotMatchThisJvm() throws IOException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath();
        try (GssProxyClient client = GssProxyClient.connect(program(daemon.socket()))) {
            GssxStatus status = client.acquireCred(Args.acquireAcceptorCred(ExampleRealm.HOST_SERVICE)).status();

            assertRefused(status, MajorStatus.GSS_S_UNAUTHORIZED, "no service accepts uid 0 (program " + java + ")");
            assertNotMentioned(status, GSS_SERVER);
        }
        Logs.awaitLine(daemon, "No matching service found", "wants program " + GSS_SERVER);
    }

    @Test
    void anInitiateOnlyServiceRefusesToAccept() {
        try (GssProxyClient client = GssProxyClient.connect(initiate(daemon.socket()))) {
            ResAcquireCred acceptor = client.acquireCred(Args.acquireAcceptorCred(ExampleRealm.HOST_SERVICE));
            assertRefused(acceptor.status(), MajorStatus.GSS_S_FAILURE, "cred_usage = initiate");
            assertEquals(Optional.empty(), acceptor.outputCredHandle());

            ResAcceptSecContext accept = client.acceptSecContext(acceptWithoutHandle(realm.aliceToHost()));
            assertRefused(accept.status(), MajorStatus.GSS_S_FAILURE, "cred_usage = initiate");
            assertEquals(Optional.empty(), accept.contextHandle());

            // what the service is for still works
            GssProxyClient.requireComplete(client.acquireCred(Args.acquireInitiatorCred()));
        }
    }

    @Test
    void aHandleOfOneUidIsRefusedToAnotherAndWorksForItsOwner() {
        Path socket = anyUid(daemon.socket());
        byte[] acquired = otherUids.callOnce(userA, socket, Wire.callRecord(1, Procedure.ACQUIRE_CRED,
                Args.acquireAcceptorCred(ExampleRealm.HOST_SERVICE))).orElseThrow();
        GssxCred handleOfA = Wire.results(acquired, Procedure.ACQUIRE_CRED, ResAcquireCred.class)
                .outputCredHandle().orElseThrow(() -> new AssertionError("no handle for " + userA));

        List<Optional<byte[]>> byB = otherUids.call(userB, socket,
                Wire.callRecord(2, Procedure.ACCEPT_SEC_CONTEXT, Args.accept(handleOfA, realm.aliceToHost())),
                Wire.callRecord(3, Procedure.ACCEPT_SEC_CONTEXT, acceptWithoutHandle(realm.aliceToHost())));

        ResAcceptSecContext stolen = accepted(byB.get(0));
        assertRefused(stolen.status(), MajorStatus.GSS_S_DEFECTIVE_CREDENTIAL, "not issued to",
                "uid " + userB.uid());
        assertEquals(Optional.empty(), stolen.contextHandle());
        // not a crash: the same connection goes on, and B may use the service's own credential
        assertEquals(0, accepted(byB.get(1)).status().majorStatus(), "B's accept without a handle");
        Logs.awaitLine(daemon, "Refused a credential handle", "uid " + userB.uid());

        ResAcceptSecContext own = accepted(otherUids.callOnce(userA, socket,
                Wire.callRecord(4, Procedure.ACCEPT_SEC_CONTEXT, Args.accept(handleOfA, realm.aliceToHost()))));
        assertEquals(0, own.status().majorStatus(), () -> "A's own handle: " + own.status());
        assertEquals("alice@" + ExampleRealm.NAME, own.contextHandle().orElseThrow().srcName().displayText());
        assertTrue(daemon.isAlive());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** An ACCEPT without a credential handle: the service's own acceptor credential is used. */
    private static ArgAcceptSecContext acceptWithoutHandle(byte[] token) {
        return new ArgAcceptSecContext(CallCtx.EMPTY,
                Optional.empty(), Optional.empty(), Opaque.of(token), Optional.empty(), false, List.of());
    }

    private static ResAcceptSecContext accepted(Optional<byte[]> reply) {
        return Wire.results(reply.orElseThrow(() -> new AssertionError("connection closed; daemon log:\n"
                + daemon.log())), Procedure.ACCEPT_SEC_CONTEXT, ResAcceptSecContext.class);
    }

    /** The minor text of a refusal mentions none of {@code phrases} (other services are not the caller's business). */
    private static void assertNotMentioned(GssxStatus status, String... phrases) {
        String why = status.minorStatusString().toText();
        for (String phrase : phrases) {
            assertFalse(why.contains(phrase), () -> "the minor text should not mention \"" + phrase + "\": " + why);
        }
    }

    /** A GSS error (not a dropped connection) with {@code major} whose minor text contains every phrase. */
    private static void assertRefused(GssxStatus status, MajorStatus major, String... phrases) {
        String why = status.minorStatusString().toText();
        assertEquals(major.value(), status.majorStatus(), () -> "major status of a refusal explained as: " + why);
        for (String phrase : phrases) {
            assertTrue(why.contains(phrase), () -> "the minor text should contain \"" + phrase + "\": " + why);
        }
    }
}
