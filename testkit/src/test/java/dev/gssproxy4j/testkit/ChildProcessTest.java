package dev.gssproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void feedsStdinAndCapturesStdoutStderrAndEnvironment() {
        ChildProcess.Result result = ChildProcess.command("sh", "-c", "cat; echo \"$GREETING\" >&2")
                .env("GREETING", "hi there")
                .stdin("from stdin")
                .run(WAIT)
                .requireSuccess();
        assertEquals("from stdin", result.stdout());
        assertEquals("hi there\n", result.stderr());
    }

    @Test
    void stdinIsEmptyUnlessGiven() {
        // A program that reads its input must see end-of-file, not hang.
        assertEquals("", ChildProcess.command("cat").run(WAIT).requireSuccess().stdout());
    }

    @Test
    void failureNamesCommandExitCodeAndStderr() {
        ChildProcess.Result result = ChildProcess.command("sh", "-c", "echo boom >&2; exit 3").run(WAIT);
        assertEquals(3, result.exitCode());
        assertFalse(result.succeeded());
        ChildProcessException e = assertThrows(ChildProcessException.class, result::requireSuccess);
        assertTrue(e.getMessage().contains("exited with 3") && e.getMessage().contains("boom"), e.getMessage());
        assertTrue(e.getMessage().contains("sh -c"), e.getMessage());
    }

    @Test
    void waitForKillsAProgramThatOverrunsItsTimeout() {
        try (ChildProcess child = ChildProcess.command("sleep", "60").start()) {
            ChildProcessException e = assertThrows(ChildProcessException.class,
                    () -> child.waitFor(Duration.ofMillis(200)));
            assertTrue(e.getMessage().contains("did not exit"), e.getMessage());
            assertFalse(child.isAlive());
        }
    }

    @Test
    void awaitOutputReturnsOnceTheLineAppearsAndCloseKillsTheTree(@TempDir Path dir) throws Exception {
        ChildProcess child = ChildProcess.command("sh", "-c", "sleep 60 & echo ready; wait")
                .output(dir, "server")
                .start();
        child.awaitOutput("ready", WAIT);
        assertTrue(child.isAlive());
        ProcessHandle grandchild = ProcessHandle.of(child.pid()).orElseThrow().children().findFirst().orElseThrow();
        child.close();
        assertFalse(child.isAlive());
        assertFalse(ChildProcess.isRunning(grandchild), "close() must also stop descendants");
        assertEquals("ready\n", Files.readString(dir.resolve("server.stdout")), "named output files are kept");
    }

    @Test
    void awaitOutputFailsWhenTheProgramExitsFirst() {
        try (ChildProcess child = ChildProcess.command("sh", "-c", "echo not it; exit 2").start()) {
            ChildProcessException e = assertThrows(ChildProcessException.class,
                    () -> child.awaitOutput("ready", WAIT));
            assertTrue(e.getMessage().contains("exited with 2"), e.getMessage());
        }
    }

    @Test
    void runsAsAnotherUserWithoutSupplementaryGroups() {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching uid needs root");
        String ids = ChildProcess.command("sh", "-c", "id -u; id -g; id -G")
                .asUser(65534, 65534)
                .run(WAIT)
                .requireSuccess()
                .stdout();
        assertEquals("65534\n65534\n65534\n", ids);
    }
}
