package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package as an admin installs it: {@code ./gssproxy4j package} builds the tarball, which is unpacked into a
 * scratch root; the daemon then starts from {@code <root>/usr/lib/gssproxy4j/bin/gssproxy} (the alias units written
 * for upstream name) on the bundled runtime and its AOT cache, serves a real ACCEPT and stops on SIGTERM. The
 * installed launcher also loads the sample configuration the package puts in {@code /etc/gssproxy}, and the units
 * start a launcher the package installs.
 */
class PackageTest {

    private static final Duration BUILD = Duration.ofMinutes(5);
    private static final Duration RUN = Duration.ofSeconds(60);

    private static Path dir;
    private static Path root;
    private static ExampleRealm realm;

    @BeforeAll
    static void install() throws IOException {
        dir = TempDirs.createTraversable("gssproxy4j-package-");
        ChildProcess.Result build = ChildProcess.command(Checkout.root().resolve("gssproxy4j").toString(), "package",
                        "--out", dir.resolve("build").toString())
                .env("JAVA_HOME", System.getProperty("java.home"))
                .output(dir, "package")
                .run(BUILD)
                .requireSuccess();
        Path tarball = Path.of(build.stdout().strip().lines().reduce((first, last) -> last).orElseThrow());
        assertTrue(tarball.getFileName().toString().matches("gssproxy4j-.+-linux-.+\\.tar\\.gz"), build.stdout());
        root = Files.createDirectory(dir.resolve("root"));
        ChildProcess.command("tar", "-xzf", tarball.toString(), "-C", root.toString()).run(RUN).requireSuccess();
        realm = ExampleRealm.start();
    }

    @AfterAll
    static void clean() {
        if (realm != null) {
            realm.close();
        }
        TempDirs.deleteTree(dir);
    }

    @Test
    void theAliasServesARealAcceptFromTheBundledRuntimeAndStopsOnSigterm() throws Exception {
        Path socket = dir.resolve("gp.sock");
        Path config = Files.writeString(dir.resolve("gssproxy.conf"), """
                [gssproxy]
                  keyring = %s

                [service/host]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = %d
                """.formatted(dir.resolve("keyring"), realm.hostKeytab, ownUid()));
        assertTrue(Files.isRegularFile(root.resolve("usr/lib/gssproxy4j/gssproxy4j.aot")), "the package's AOT cache");
        Path alias = root.resolve("usr/lib/gssproxy4j/bin/gssproxy");
        try (ChildProcess daemon = ChildProcess.command(alias.toString(), "-i", "-d", "-c", config.toString(), "-s",
                        socket.toString())
                .environment(realm.environment())
                // the JVM refuses to start unless it can use the package's AOT cache, recorded in the build tree
                .env("GSSPROXY4J_JAVA_OPTS", "-XX:AOTMode=on")
                .env("GSSPROXY4J_CRASH_DIR", dir.resolve("crash").toString())
                .output(dir, "daemon")
                .start()) {
            Logs.awaitLine(daemon::stderr, daemon::isAlive, "Initialization complete.");
            assertEquals(root.resolve("usr/lib/gssproxy4j/runtime/bin/java").toRealPath(),
                    Path.of("/proc", Long.toString(daemon.pid()), "exe").toRealPath(),
                    "the daemon runs on the package's runtime");

            assertEquals("alice@" + ExampleRealm.NAME, accept(socket));

            ChildProcess.command("kill", "-TERM", Long.toString(daemon.pid())).run(RUN).requireSuccess();
            ChildProcess.Result stopped = daemon.waitFor(RUN);
            assertEquals(0, stopped.exitCode(), stopped::stderr);
            assertTrue(stopped.stderr().contains("Exiting after receiving a signal"), stopped.stderr());
        }
        assertFalse(Files.exists(socket), "the daemon removes its socket");
    }

    @Test
    void theSampleConfigurationInEtcGssproxyLoads() {
        Path etc = root.resolve("etc/gssproxy");
        ChildProcess.Result result = ChildProcess.command(root.resolve("usr/sbin/gssproxy4j").toString(),
                        "check-config", "-C", etc.toString(), "-c", etc.resolve("gssproxy.conf").toString())
                .env("GSSPROXY4J_CRASH_DIR", dir.resolve("crash").toString())
                .output(dir, "check-config")
                .run(RUN);
        assertEquals(0, result.exitCode(), result::stderr);
        assertAll(Stream.of("[service/nfs-server]", "[service/network-fs-clients]", "Warnings: none")
                .map(text -> () -> assertTrue(result.stdout().contains(text), text + " in\n" + result.stdout())));
    }

    @Test
    void theUnitsStartTheInstalledLauncher() throws IOException {
        for (String unit : List.of("usr/lib/systemd/system/gssproxy4j.service",
                "usr/lib/systemd/user/gssproxy4j-user.service")) {
            List<String> execStart = Files.readAllLines(root.resolve(unit)).stream()
                    .filter(line -> line.startsWith("ExecStart=")).toList();
            assertEquals(1, execStart.size(), unit);
            String program = execStart.getFirst().substring("ExecStart=".length()).split(" ")[0];
            assertEquals("/usr/sbin/gssproxy4j", program, unit);
            assertTrue(Files.isExecutable(root.resolve(program.substring(1))), program);
        }
        assertTrue(Files.isRegularFile(root.resolve("usr/share/man/man8/gssproxy4j.8.gz")));
    }

    @Test
    void theRuntimeHoldsNeitherTheJdksKerberosNorItsTools() {
        ChildProcess.Result modules = ChildProcess.command(
                        root.resolve("usr/lib/gssproxy4j/runtime/bin/java").toString(), "--list-modules")
                .run(RUN).requireSuccess();
        assertTrue(modules.stdout().contains("java.base@"), modules.stdout());
        assertAll(Stream.of("java.security.jgss", "jdk.compiler", "java.desktop")
                .map(module -> () -> assertFalse(modules.stdout().contains(module + "@"), modules.stdout())));
        assertFalse(Files.exists(root.resolve("usr/lib/gssproxy4j/runtime/bin/javac")));
    }

    /** A real ACCEPT of a fresh AP-REQ from alice for host@localhost through {@code socket}; the initiator's name. */
    private static String accept(Path socket) {
        try (GssProxyClient client = GssProxyClient.connect(socket)) {
            GssxCred cred = GssProxyClient.requireComplete(client.acquireCred(
                    Args.acquireAcceptorCred(ExampleRealm.HOST_SERVICE))).outputCredHandle().orElseThrow();
            byte[] token = realm.aliceToHost();
            return GssProxyClient.requireComplete(client.acceptSecContext(Args.accept(cred, token)))
                    .contextHandle().orElseThrow().srcName().displayText();
        }
    }

    private static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
