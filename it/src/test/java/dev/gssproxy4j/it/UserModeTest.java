package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.testkit.interop.EstablishedContext;
import dev.gssproxy4j.testkit.interop.Exchange;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.InteropPreconditions;
import dev.gssproxy4j.testkit.interop.InteropScenarios;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.testkit.interop.SampleEnvironment;
import dev.gssproxy4j.testkit.interop.SocketActivation;
import dev.gssproxy4j.testkit.interop.SocketActivation.Listening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User mode ({@code serve -u}) as a user unit runs it: an unprivileged account ({@code gp4j-cli}) whose session
 * holds a TGT (carol's ccache) runs its own daemon, socket-activated on {@code $XDG_RUNTIME_DIR/gssproxy/default.sock}
 * ({@link SocketActivation} binds it as that user and passes it as descriptor 3). A program of that user without
 * any credentials, MIT's {@code gss-client} through the interposer, initiates as carol through it; other uids,
 * root included, are refused; with {@code --idle-timeout} the daemon stops by itself with status 0. The runtime
 * directory is 0711 and the socket 0666 here (a real one is 0700), so that the daemon itself, not a file mode, must
 * turn the other uid away.
 */
class UserModeTest {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String CAROL_PASSWORD = "carol user-mode pass phrase";

    private static Realm realm;
    private static InteropScenarios scenarios;
    private static OtherUidCalls otherUids;
    private static LocalUser user;
    private static Path carolCcache;

    private Path base;
    private Path runtimeDir;
    private Path home;
    private Path socket;

    @BeforeAll
    static void realm() {
        List<String> missing = InteropPreconditions.missingForSamples();
        assumeTrue(missing.isEmpty(), () -> "interop prerequisites missing: " + String.join("; ", missing));
        realm = Realms.kerby();
        scenarios = InteropScenarios.prepare(realm);
        user = scenarios.clientUser();
        realm.addPrincipal("carol", CAROL_PASSWORD);
        carolCcache = realm.kinit("carol", CAROL_PASSWORD, "carol.ccache");
        otherUids = OtherUidCalls.prepare();
    }

    @AfterAll
    static void stopRealm() {
        if (otherUids != null) {
            otherUids.close();
        }
        if (scenarios != null) {
            scenarios.close();
        }
        if (realm != null) {
            realm.close();
        }
    }

    @BeforeEach
    void session() throws IOException {
        base = TempDirs.createTraversable("gssproxy4j-usermode-");
        runtimeDir = owned(base.resolve("run-user"), "rwx--x--x");
        socket = owned(runtimeDir.resolve("gssproxy"), "rwx--x--x").resolve("default.sock");
        home = owned(base.resolve("home"), "rwx------");
        Path ccache = Files.copy(carolCcache, home.resolve("ccache"), StandardCopyOption.REPLACE_EXISTING);
        owned(ccache, "rw-------");
    }

    @AfterEach
    void clean() {
        TempDirs.deleteTree(base);
    }

    @Test
    void aProgramWithoutCredentialsInitiatesThroughItsUsersOwnDaemonAndOtherUidsAreRefused() throws IOException {
        try (ChildProcess daemon = startActivated("--idle-timeout=0")) {
            Exchange exchange = scenarios.initiatorThroughProxy(socket);

            assertTrue(exchange.succeeded(), () -> exchange.describe() + "\n--- daemon ---\n" + daemon.stderr());
            EstablishedContext context = exchange.client().context().orElseThrow();
            assertEquals(realm.principal("carol"), context.source(), "the session's TGT, held by the daemon");
            assertEquals(scenarios.hostPrincipal(), context.target());
            assertEquals(InteropScenarios.MESSAGES, exchange.client().signaturesVerified());
            Logs.awaitLine(daemon::stderr, daemon::isAlive, "Connection from uid " + user.uid(), "gss-client");
            Logs.awaitLine(daemon::stderr, daemon::isAlive, "Connection matched service user-proxy");

            LocalUser nobody = LocalUsers.lookup("nobody").orElse(new LocalUser("nobody", 65534, 65534));
            byte[] reply = otherUids.callOnce(nobody, socket,
                    Wire.callRecord(7, Procedure.INDICATE_MECHS, Args.indicateMechs())).orElseThrow();
            assertRefused(Wire.results(reply, Procedure.INDICATE_MECHS, ResIndicateMechs.class).status(),
                    nobody.uid());
            try (GssProxyClient root = GssProxyClient.connect(socket)) {
                assertRefused(root.indicateMechs().status(), 0);
            }

            Path keyring = runtimeDir.resolve("gssproxy/gssproxy4j.keyring");
            assertEquals(user.uid(), Files.getAttribute(keyring, "unix:uid"), "the handle keys are the user's");
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keyring));
            assertTrue(daemon.isAlive());
        }
    }

    @Test
    void aSocketActivatedUserDaemonStopsAfterItsIdleTimeoutWithStatusZero() {
        ChildProcess.Result result;
        try (ChildProcess daemon = startActivated("--idle-timeout=1")) {
            try (GssProxyClient root = GssProxyClient.connect(socket)) {
                root.indicateMechs(); // one request, then none
            }
            result = daemon.waitFor(RUN);
        }
        assertEquals(0, result.exitCode(), result::stderr);
        assertTrue(result.stderr().lines().anyMatch(l -> l.endsWith("]: Terminating, after idling for 1 seconds!")),
                result::stderr);
        assertTrue(Files.exists(socket), "the socket is systemd's: the next connection starts the daemon again");
    }

    @Test
    void withoutActivationItBindsTheSocketGivenWithMinusS() {
        Path own = runtimeDir.resolve("gssproxy/own.sock");
        try (ChildProcess daemon = ChildProcess.command(Gssproxy4jDaemon.command("serve", "-u", "-i", "-d", "-s",
                        own.toString()))
                .environment(sessionEnvironment()).asUser(user.uid(), user.gid()).output(base, "daemon").start()) {
            Logs.awaitLine(daemon::stderr, daemon::isAlive, "Initialization complete.");
            byte[] reply = otherUids.callOnce(user, own,
                    Wire.callRecord(9, Procedure.INDICATE_MECHS, Args.indicateMechs())).orElseThrow();
            assertEquals(MajorStatus.GSS_S_COMPLETE.value(),
                    Wire.results(reply, Procedure.INDICATE_MECHS, ResIndicateMechs.class).status().majorStatus());
        }
    }

    @Test
    void withoutXdgRuntimeDirItRefusesToStartInOneLine() {
        Map<String, String> environment = sessionEnvironment();
        environment.put("XDG_RUNTIME_DIR", "");
        ChildProcess.Result result = ChildProcess.command(Gssproxy4jDaemon.command("serve", "-u", "-i", "-s",
                        socket.toString()))
                .environment(environment).asUser(user.uid(), user.gid()).run(RUN);
        assertEquals(1, result.exitCode());
        assertEquals(List.of("gssproxy4j: cannot start: user mode (-u) keeps its socket and handle keys in "
                + "$XDG_RUNTIME_DIR/gssproxy, but XDG_RUNTIME_DIR is not set; run it in the user's session (systemctl "
                + "--user, which sets it) or set it to a directory only this user can write, e.g. /run/user/$(id -u)"),
                result.stderr().lines().toList());
    }

    /** The user daemon as {@code gssuserproxy.socket} starts it, with {@code serveArgs} more; serving once it returns. */
    private ChildProcess startActivated(String... serveArgs) {
        List<String> serve = new ArrayList<>(List.of("serve", "-u", "-i", "--debug-level=2"));
        serve.addAll(List.of(serveArgs));
        ChildProcess daemon = ChildProcess.command(SocketActivation.command(List.of(new Listening(socket, "0666")),
                        Gssproxy4jDaemon.command(serve.toArray(String[]::new))))
                .environment(sessionEnvironment()).asUser(user.uid(), user.gid()).output(base, "daemon").start();
        Logs.awaitLine(daemon::stderr, daemon::isAlive, "Initialization complete.");
        return daemon;
    }

    /** A login session of {@link #user}: its runtime directory, HOME, and carol's TGT as its default ccache. */
    private Map<String, String> sessionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
        env.put("HOME", home.toString());
        env.put("KRB5_CONFIG", realm.krb5Conf().toString());
        env.put("KRB5CCNAME", "FILE:" + home.resolve("ccache"));
        env.put("KRB5_KTNAME", SampleEnvironment.NO_KEYTAB);
        env.put("KRB5_CLIENT_KTNAME", SampleEnvironment.NO_KEYTAB);
        env.put("KRB5RCACHEDIR", home.toString());
        return env;
    }

    private static void assertRefused(GssxStatus status, int uid) {
        String why = status.minorStatusString().toText();
        assertEquals(MajorStatus.GSS_S_UNAUTHORIZED.value(), status.majorStatus(), why);
        assertTrue(why.contains("no service accepts uid " + uid), why);
    }

    private Path owned(Path path, String permissions) throws IOException {
        if (!Files.exists(path)) {
            Files.createDirectory(path);
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        Files.setAttribute(path, "unix:uid", user.uid());
        Files.setAttribute(path, "unix:gid", user.gid());
        return path;
    }
}
