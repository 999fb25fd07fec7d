package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGINT and SIGTERM stop {@code serve} and {@code demo} although the shell started them with both ignored, as a
 * non-interactive shell starts its background jobs (SIGINT) or after {@code trap '' INT TERM}: the JVM then installs
 * no handler of its own, and without ours the daemon would only die by SIGKILL. It exits as upstream does: the line
 * "Exiting after receiving a signal" and status 0.
 */
class StopSignalsTest {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Bits of SIGINT (2) and SIGTERM (15) in /proc/PID/status's SigIgn mask. */
    private static final long INT_AND_TERM = (1L << 1) | (1L << 14);

    @ParameterizedTest(name = "serve stops on SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void serveStopsOnTheSignalItStartedIgnoring(String signal, @TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("gssproxy.conf"), "[gssproxy]\n  keyring = "
                + dir.resolve("keyring") + "\n\n[service/one]\n  mechs = krb5\n  euid = 0\n");
        Path socket = dir.resolve("gp.sock");
        try (ChildProcess daemon = startIgnoringIntAndTerm(dir, Checkout.javaCommand("-jar",
                Checkout.cliJar().toString(), "serve", "-i", "-d", "-c", config.toString(), "-s",
                socket.toString()))) {
            daemon.awaitOutput("Initialization complete.", STOP_TIMEOUT);
            stop(daemon, signal);
            assertFalse(Files.exists(socket), "the socket is closed and removed");
        }
    }

    @ParameterizedTest(name = "demo stops on SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void demoStopsOnTheSignalItStartedIgnoring(String signal, @TempDir Path dir) throws Exception {
        try (ChildProcess demo = startIgnoringIntAndTerm(dir, Checkout.javaCommand(
                "-Dgssproxy4j.demo.jar=" + Checkout.demoJar(), "-jar", Checkout.cliJar().toString(), "demo"))) {
            demo.awaitOutput("Serving until Ctrl-C.", STOP_TIMEOUT);
            Matcher files = Pattern.compile("files in (\\S+)").matcher(demo.stdout());
            assertTrue(files.find(), demo.stdout());
            stop(demo, signal);
            assertFalse(Files.exists(Path.of(files.group(1))), "the throwaway realm's directory is deleted");
        }
    }

    /**
     * Runs {@code command} from a shell that ignores SIGINT and SIGTERM ({@code exec}: the pid stays the JVM's).
     * The shell first prints its children's SigIgn mask, so a test cannot pass because nothing was ignored.
     */
    private static ChildProcess startIgnoringIntAndTerm(Path dir, List<String> command) {
        List<String> shell = new ArrayList<>(List.of("/bin/bash", "-c",
                "trap '' INT TERM; grep '^SigIgn:' /proc/self/status; exec \"$@\"", "bash"));
        shell.addAll(command);
        ChildProcess child = ChildProcess.command(shell).output(dir, "child").start();
        child.awaitOutput("SigIgn:", STOP_TIMEOUT);
        Matcher mask = Pattern.compile("SigIgn:\\s+([0-9a-f]+)").matcher(child.stdout());
        assertTrue(mask.find(), child.stdout());
        assertEquals(INT_AND_TERM, Long.parseUnsignedLong(mask.group(1), 16) & INT_AND_TERM,
                "the shell started the command with SIGINT and SIGTERM ignored");
        return child;
    }

    private static void stop(ChildProcess child, String signal) {
        ChildProcess.command("kill", "-" + signal, Long.toString(child.pid())).run(Duration.ofSeconds(10))
                .requireSuccess();
        ChildProcess.Result result = child.waitFor(STOP_TIMEOUT);
        assertEquals(0, result.exitCode(), "exit status after SIG" + signal + "; stderr: " + result.stderr());
        assertTrue(result.stderr().contains("Exiting after receiving a signal"), result.stderr());
    }
}
