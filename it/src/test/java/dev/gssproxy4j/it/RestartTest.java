package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.testkit.interop.UnixSockets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon keeps no state that a crash could lose: handles and partial contexts live sealed in the clients'
 * hands, under a keyring file that outlives the process. So a {@code kill -9} and a restart between two calls of
 * one conversation go unnoticed by the client. A SIGHUP re-reads the configuration, atomically: a broken one is
 * refused while the old one keeps serving, a good one takes effect (new sockets included) without a restart.
 * The services are for uid 0, so this JVM is the caller.
 */
class RestartTest {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(15);
    private static final String DOES_NOT_OPEN = "does not open";

    private static ExampleRealm realm;
    private static Gssproxy4jDaemon daemon;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the daemon reads root-only keytabs");
        realm = ExampleRealm.start();
        // debug level 1: the reload messages and "handle does not open" are level-1 lines
        daemon = Gssproxy4jDaemon.start(realm.environment(), RestartTest::config, "--debug-level=1");
        DaemonSockets.awaitAll(daemon, initSocket());
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(daemon, realm);
    }

    private static String config(Path socket) {
        return """
                [service/acceptor]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = 0
                  socket = %s

                [service/initiator]
                  mechs = krb5
                  cred_store = client_keytab:%s
                  cred_usage = initiate
                  euid = 0
                  socket = %s
                """.formatted(realm.hostKeytab, socket, realm.aliceKeytab, socket.resolveSibling("init.sock"));
    }

    private static Path initSocket() {
        return daemon.socket().resolveSibling("init.sock");
    }

    @Test
    void anAcceptorHandleOutlivesKill9() {
        GssxCred handle;
        try (GssProxyClient client = GssProxyClient.connect(daemon.socket())) {
            handle = GssProxyClient.requireComplete(client.acquireCred(
                    Args.acquireAcceptorCred(ExampleRealm.HOST_SERVICE))).outputCredHandle().orElseThrow();
        }

        long before = daemon.pid();
        daemon.kill9();
        assertFalse(daemon.isAlive());
        daemon.restart();
        assertNotEquals(before, daemon.pid());
        DaemonSockets.awaitAll(daemon, initSocket());

        byte[] token = realm.aliceToHost();
        long kdcRequests = realm.realm().kdcRequestCount();
        try (GssProxyClient client = GssProxyClient.connect(daemon.socket())) {
            ResAcceptSecContext accepted = GssProxyClient.requireComplete(
                    client.acceptSecContext(Args.accept(handle, token)));
            GssxCtx ctx = accepted.contextHandle().orElseThrow();
            assertEquals("alice@" + ExampleRealm.NAME, ctx.srcName().displayText());
            assertTrue(ctx.open());
        }
        assertEquals(kdcRequests, realm.realm().kdcRequestCount(), "accepting needs the keytab, never the KDC");
        assertFalse(daemon.log().contains(DOES_NOT_OPEN),
                () -> "the old handle must open under the persisted keyring, not be re-acquired:\n" + daemon.log());

        // control: a handle this daemon never sealed (upstream's, from accept/02) is the one that does not open
        GssxCred foreign = Wire.results(Wire.reply("accept", "02"), Procedure.ACQUIRE_CRED, ResAcquireCred.class)
                .outputCredHandle().orElseThrow();
        try (GssProxyClient client = GssProxyClient.connect(daemon.socket())) {
            GssProxyClient.requireComplete(client.acceptSecContext(Args.accept(foreign, realm.aliceToHost())));
        }
        Logs.awaitLine(daemon, DOES_NOT_OPEN);
    }

    @Test
    void aTwoLegInitiationSurvivesKill9BetweenItsLegs() {
        GssxName target = Args.hostbasedService(ExampleRealm.HOST_SERVICE);
        GssxCred cred;
        ResInitSecContext leg1;
        try (GssProxyClient client = GssProxyClient.connect(initSocket())) {
            cred = GssProxyClient.requireComplete(client.acquireCred(Args.acquireInitiatorCred()))
                    .outputCredHandle().orElseThrow();
            leg1 = GssProxyClient.requireNoError(client.initSecContext(
                    Args.init(cred, target, ExampleRealm.CLIENT_FLAGS)));
        }
        assertEquals(MajorStatus.GSS_S_CONTINUE_NEEDED.value(), leg1.status().majorStatus());
        GssxCtx partial = leg1.contextHandle().orElseThrow();
        assertFalse(partial.open());

        daemon.kill9();
        daemon.restart();
        DaemonSockets.awaitAll(daemon, initSocket());
        byte[] apRep = realm.acceptAsHost(leg1.outputToken().orElseThrow().toByteArray());

        try (GssProxyClient client = GssProxyClient.connect(initSocket())) {
            ResInitSecContext leg2 = GssProxyClient.requireComplete(client.initSecContext(
                    Args.initContinue(partial, cred, target, ExampleRealm.CLIENT_FLAGS, apRep)));
            GssxCtx done = leg2.contextHandle().orElseThrow();
            assertTrue(done.open());
            assertTrue(done.locallyInitiated());
            assertEquals("alice@" + ExampleRealm.NAME, done.srcName().displayText());
            assertEquals("host/localhost@" + ExampleRealm.NAME, done.targName().displayText());
            assertEquals(Optional.empty(), leg2.outputToken(), "mutual authentication ends with the AP-REP");
        }
    }

    @Test
    void sighupRefusesABrokenConfigurationAndAppliesAGoodOne() {
        Path reloaded = daemon.dir().resolve("reloaded.sock");
        String original = config(daemon.socket());
        try {
            daemon.rewriteConfig(original + """

                    [service/broken]
                      mechs = krb5
                      cred_store = keytab:%s
                    """.formatted(realm.hostKeytab));
            daemon.hup();
            Logs.awaitLine(daemon, "keeping old configuration");
            assertServes(daemon.socket());
            assertServes(initSocket());

            daemon.rewriteConfig(original + """

                    [service/reloaded]
                      mechs = krb5
                      cred_store = keytab:%s
                      euid = 0
                      socket = %s
                    """.formatted(realm.hostKeytab, reloaded));
            daemon.hup();
            UnixSockets.awaitAccepting(reloaded, SOCKET_TIMEOUT, daemon::isAlive, daemon::log);
            Logs.awaitLine(daemon, "New config loaded successfully.");
            try (GssProxyClient client = GssProxyClient.connect(reloaded)) {
                GssProxyClient.requireComplete(client.acquireCred(Args.acquireAcceptorCred(
                        ExampleRealm.HOST_SERVICE)));
            }
            assertServes(daemon.socket());
        } finally {
            // later tests restart the daemon from this file
            daemon.rewriteConfig(original);
        }
    }

    @Test
    void aSighupAsSoonAsTheSocketAcceptsIsAReloadNotAnExit(@TempDir Path dir) {
        try (ChildProcess early = EarlySighup.startAndHup(dir, realm.environment(), """
                [service/acceptor]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = 0
                """.formatted(realm.hostKeytab))) {
            Logs.awaitLine(early::stderr, early::isAlive, "New config loaded successfully.");
            assertTrue(early.isAlive(), "a SIGHUP must never end the daemon");
            try (GssProxyClient client = GssProxyClient.connect(dir.resolve("gp.sock"))) {
                GssProxyClient.requireComplete(client.indicateMechs());
            }
        }
    }

    private static void assertServes(Path socket) {
        try (GssProxyClient client = GssProxyClient.connect(socket)) {
            GssProxyClient.requireComplete(client.indicateMechs());
        }
        assertTrue(daemon.isAlive(), () -> "daemon died; log:\n" + daemon.log());
    }
}
