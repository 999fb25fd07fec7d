package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.testkit.interop.SocketActivation;
import dev.gssproxy4j.testkit.interop.SocketActivation.Listening;
import dev.gssproxy4j.testkit.interop.SocketActivation.OpenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The system daemon started the way systemd starts it from a socket unit: the main socket and a service's socket
 * are bound by "systemd" ({@link SocketActivation}, mode 0600 where the daemon would make 0666) and passed as
 * descriptors 3 and 4 with {@code LISTEN_FDS=2} and {@code LISTEN_PID} = the daemon's pid. The daemon serves real
 * ACCEPTs on both without reopening them, binds the configured socket nobody passed itself, keeps the passed ones
 * open across reloads that drop and restore their service, and leaves their files to systemd when it stops. A unit
 * that passes a socket nobody configured, or something that is not a socket, is refused in one line.
 */
class SocketActivationTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String PASSED_MODE = "rw-------";

    private static ExampleRealm realm;
    private Path dir;

    @BeforeAll
    static void realm() {
        assumeTrue(LocalUsers.runningAsRoot(), "the daemon reads root-only keytabs");
        realm = ExampleRealm.start();
    }

    @AfterAll
    static void stopRealm() {
        if (realm != null) {
            realm.close();
        }
    }

    @BeforeEach
    void directory() {
        dir = TempDirs.createTraversable("gssproxy4j-activation-");
    }

    @AfterEach
    void clean() {
        TempDirs.deleteTree(dir);
    }

    private Path main() {
        return dir.resolve("default.sock");
    }

    private Path nfs() {
        return dir.resolve("nfs.sock");
    }

    private Path bound() {
        return dir.resolve("bound.sock");
    }

    private Path writeConfig(boolean withNfs) throws IOException {
        String nfsService = """
                [service/nfs]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = 0
                  socket = %s
                """.formatted(realm.nfsKeytab, nfs());
        Path config = dir.resolve("gssproxy.conf");
        Files.writeString(config, """
                [gssproxy]
                  keyring = %s

                [service/host]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = 0

                %s
                [service/bound-by-the-daemon]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = 0
                  socket = %s
                """.formatted(dir.resolve("keyring"), realm.hostKeytab, withNfs ? nfsService : "", realm.hostKeytab,
                bound()));
        return config;
    }

    /** The daemon with {@code serveArgs} more (e.g. a debug level), passed {@code passed}. */
    private ChildProcess start(List<SocketActivation.Passed> passed, String... serveArgs) throws IOException {
        Path config = writeConfig(true);
        List<String> serve = new java.util.ArrayList<>(List.of("serve", "-i", "-c", config.toString(), "-s",
                main().toString()));
        serve.addAll(List.of(serveArgs));
        return ChildProcess.command(SocketActivation.command(passed, Gssproxy4jDaemon.command(
                        serve.toArray(String[]::new))))
                .environment(realm.environment()).output(dir, "daemon").start();
    }

    @Test
    void passedSocketsAreServedAsTheyAreAndOutliveReloadsAndTheDaemon() throws Exception {
        try (ChildProcess daemon = start(List.of(new Listening(main(), "0600"), new Listening(nfs(), "0600")),
                "--debug-level=2")) {
            Logs.awaitLine(daemon::stderr, daemon::isAlive, "Initialization complete.");
            Object mainInode = Files.getAttribute(main(), "unix:ino");
            Object nfsInode = Files.getAttribute(nfs(), "unix:ino");

            assertEquals("alice@" + ExampleRealm.NAME, accept(main(), ExampleRealm.HOST_SERVICE));
            assertEquals("alice@" + ExampleRealm.NAME, accept(nfs(), ExampleRealm.NFS_SERVICE));
            assertEquals("alice@" + ExampleRealm.NAME, accept(bound(), ExampleRealm.HOST_SERVICE));
            assertEquals(PosixFilePermissions.fromString(PASSED_MODE), Files.getPosixFilePermissions(main()),
                    "systemd's socket, not one the daemon bound (0666)");
            assertEquals(PosixFilePermissions.fromString(PASSED_MODE), Files.getPosixFilePermissions(nfs()));
            assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), Files.getPosixFilePermissions(bound()),
                    "a socket nobody passed is bound as before");
            Logs.awaitLine(daemon::stderr, daemon::isAlive, "Socket " + nfs() + " passed by systemd");

            writeConfig(false); // a reload drops the nfs service: its socket stays open, it matches no service
            hangUp(daemon);
            Logs.awaitLines(daemon::stderr, daemon::isAlive, 1, "New config loaded successfully.");
            try (GssProxyClient client = GssProxyClient.connect(nfs())) {
                GssxStatus status = client.acquireCred(Args.acquireAcceptorCred(ExampleRealm.NFS_SERVICE)).status();
                assertEquals(MajorStatus.GSS_S_UNAUTHORIZED.value(), status.majorStatus());
            }

            writeConfig(true); // and the next reload serves it again, on the very same socket
            hangUp(daemon);
            Logs.awaitLines(daemon::stderr, daemon::isAlive, 2, "New config loaded successfully.");
            assertEquals("alice@" + ExampleRealm.NAME, accept(nfs(), ExampleRealm.NFS_SERVICE));
            assertEquals(nfsInode, Files.getAttribute(nfs(), "unix:ino"));
            assertEquals(mainInode, Files.getAttribute(main(), "unix:ino"));
        }
        assertTrue(Files.exists(main()) && Files.exists(nfs()), "the passed sockets' files are systemd's to remove");
        assertFalse(Files.exists(bound()), "the daemon removes the socket it bound");
    }

    @Test
    void aPassedSocketThatNoConfiguredSocketNamesIsRefusedInOneLine() throws Exception {
        Path stray = dir.resolve("stray.sock");
        ChildProcess.Result result;
        try (ChildProcess daemon = start(List.of(new Listening(main(), "0600"), new Listening(stray, "0600")))) {
            result = daemon.waitFor(START);
        }
        assertEquals(1, result.exitCode(), result::stderr);
        assertEquals(List.of("gssproxy4j: cannot start: systemd passed the socket " + stray + " (descriptor 4), but "
                + "neither -s nor any service's socket = names it; add it to the configuration or remove its "
                + "ListenStream= from the socket unit"), result.stderr().lines().toList());
    }

    @Test
    void aPassedDescriptorThatIsNotASocketIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-socket"), "x");
        ChildProcess.Result result;
        try (ChildProcess daemon = start(List.of(new OpenFile(file)))) {
            result = daemon.waitFor(START);
        }
        assertEquals(1, result.exitCode(), result::stderr);
        List<String> lines = result.stderr().lines().toList();
        assertEquals(1, lines.size(), result::stderr);
        assertTrue(lines.getFirst().startsWith("gssproxy4j: cannot start: socket activation: descriptor 3 is not a "
                + "socket"), lines.getFirst());
    }

    private static void hangUp(ChildProcess daemon) {
        ChildProcess.command("kill", "-HUP", Long.toString(daemon.pid())).run(Duration.ofSeconds(10))
                .requireSuccess();
    }

    /** A real ACCEPT of a fresh AP-REQ from alice through {@code socket}; returns the initiator's name. */
    private static String accept(Path socket, String service) {
        try (GssProxyClient client = GssProxyClient.connect(socket)) {
            GssxCred cred = GssProxyClient.requireComplete(client.acquireCred(Args.acquireAcceptorCred(service)))
                    .outputCredHandle().orElseThrow();
            byte[] token = realm.apReq("alice", service, ExampleRealm.CLIENT_FLAGS);
            return GssProxyClient.requireComplete(client.acceptSecContext(Args.accept(cred, token)))
                    .contextHandle().orElseThrow().srcName().displayText();
        }
    }
}
