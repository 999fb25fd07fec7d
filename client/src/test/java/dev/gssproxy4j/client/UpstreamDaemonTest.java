package dev.gssproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gssproxy4j.protocol.MechInfo;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the real upstream daemon ({@code /usr/sbin/gssproxy}, Debian package gssproxy), started in
 * the foreground with a one-service config for our own uid, so that it serves us by SO_PEERCRED.
 */
@Timeout(30)
class UpstreamDaemonTest {

    private static final Path GSSPROXY = Path.of("/usr/sbin/gssproxy");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Process daemon;
    private Path socket;

    @BeforeEach
    void startDaemon() throws Exception {
        if (!Files.isExecutable(GSSPROXY)) {
            fail(GSSPROXY + " is missing: install the Debian package gssproxy (CI installs it)");
        }
        // gssproxy chdir()s to / : every path must be absolute.
        dir = dir.toAbsolutePath();
        socket = dir.resolve("gp.sock");
        Path config = dir.resolve("gp.conf");
        Files.writeString(config, "[gssproxy]\n[service/t]\n mechs = krb5\n euid = " + uid() + "\n");
        Path runDir = Files.createDirectory(dir.resolve("run"));
        List<String> argv = new ArrayList<>(List.of(GSSPROXY.toString(), "-i", "-c", config.toString(),
                "-s", socket.toString()));
        Files.writeString(dir.resolve("krb5.conf"), "");
        ProcessBuilder builder = new ProcessBuilder(withPrivateRun(runDir, argv));
        // Keep the host's Kerberos setup out: no config, no keytab, replay cache in our directory.
        builder.environment().put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        builder.environment().put("KRB5_KTNAME", "FILE:" + dir.resolve("missing.keytab"));
        builder.environment().put("KRB5RCACHEDIR", dir.toString());
        daemon = builder
                .redirectOutput(dir.resolve("gssproxy.out").toFile())
                .redirectError(dir.resolve("gssproxy.err").toFile())
                .start();
        awaitAccepting();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.destroy(); // SIGTERM: upstream exits cleanly
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void indicateMechsListsKrb5() {
        try (GssProxyClient client = GssProxyClient.connect(socket)) {
            ResIndicateMechs result = GssProxyClient.requireComplete(client.indicateMechs());
            List<String> mechs = result.mechs().stream().map(MechInfo::mech).map(Oids::describe).toList();
            assertTrue(mechs.contains(Oids.describe(Oids.KRB5)), mechs.toString());
            // The connection stays usable for a second call, as the interposer relies on.
            assertEquals(result.mechs().size(), client.indicateMechs().mechs().size());
        }
    }

    @Test
    void upstreamsGetCallContextStubAsksForNoEnvironment() {
        try (GssProxyClient client = GssProxyClient.connect(socket)) {
            assertEquals(List.of(), client.environmentOptions());
            GssProxyClient.requireComplete(client.indicateMechs()); // the connection stays usable
        }
    }

    @Test
    void gssErrorsFromTheDaemonAreResultsNotExceptions() {
        try (GssProxyClient client = GssProxyClient.connect(socket)) {
            ResAcceptSecContext result = client.acceptSecContext(Args.kernelAccept(new byte[32]));
            // No keytab (KRB5_KTNAME points nowhere), so upstream fails before it looks at the token.
            assertEquals("GSS_S_NO_CRED", GssStatusText.majorName(result.status().majorStatus()),
                    GssStatusText.describe(result.status()));
            assertTrue(result.status().minorStatusString().toText().contains("missing.keytab"),
                    GssStatusText.describe(result.status()));
            assertTrue(client.isOpen());
        }
    }

    private void awaitAccepting() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(socket)) {
            if (!daemon.isAlive()) {
                fail("gssproxy exited with " + daemon.exitValue() + ": " + log());
            }
            if (System.nanoTime() > deadline) {
                fail(socket + " did not accept connections within " + START_TIMEOUT + ": " + log());
            }
            // A condition poll with a deadline: nothing tells another process that a socket now listens.
            daemon.waitFor(10, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean accepts(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("gssproxy.err"));
    }

    private static String uid() throws Exception {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
    }

    /**
     * Upstream writes its pid to the fixed {@code /run/gssproxy.pid} even with {@code -i}; where mount namespaces
     * are allowed, give it {@code runDir} as its {@code /run} so it cannot clobber a system daemon's file.
     */
    private static List<String> withPrivateRun(Path runDir, List<String> argv) throws Exception {
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", "mount --bind \"$0\" /run && exec \"$@\"", runDir.toString()));
        try {
            Process probe = new ProcessBuilder(concat(wrapped, List.of("true"))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean usable = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
            return usable ? concat(wrapped, argv) : argv;
        } catch (IOException e) {
            return argv; // no unshare(1) here
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
