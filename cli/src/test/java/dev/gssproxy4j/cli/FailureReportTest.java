package dev.gssproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User errors are one line naming the problem and an exit status, never a Java stack trace; the trace only with a
 * debug option.
 */
class FailureReportTest {

    @Test
    void aBadFlagIsOneLineThatSaysWhereTheUsageIs() {
        CliTest.Run run = CliTest.run("serve", "--bogus");
        assertEquals(1, run.exit(), "gssproxy's status for a bad option (the other commands use picocli's 2)");
        assertEquals("gssproxy4j serve: Unknown option: '--bogus' (see gssproxy4j serve --help)\n", run.err());
        assertEquals(0, CliTest.run("serve", "--help").exit(), "the help it points to exists");
    }

    @Test
    void aMissingValueIsOneLine() {
        CliTest.Run run = CliTest.run("check-config", "-c");
        assertEquals(2, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("gssproxy4j check-config: Missing required parameter for option '--config'"),
                run.err());
    }

    @Test
    void anUnknownUserIsOneLine() {
        CliTest.Run run = CliTest.run("check-config", "--uid", "no-such-user-gssproxy4j");
        assertEquals(2, run.exit());
        assertEquals("gssproxy4j check-config: no local user named no-such-user-gssproxy4j (see gssproxy4j "
                + "check-config --help)\n", run.err());
    }

    @Test
    void aMissingFileIsOneLineAndDebugAddsTheTrace(@TempDir Path dir) {
        Path missing = dir.resolve("capture.call.bin");
        CliTest.Run run = CliTest.run("wire", "decode", missing.toString());
        assertEquals(1, run.exit());
        assertEquals("gssproxy4j: " + missing + ": no such file or directory\n", run.err());

        CliTest.Run debug = CliTest.run("wire", "decode", "--debug", missing.toString());
        assertEquals(1, debug.exit());
        assertTrue(debug.err().startsWith("gssproxy4j: " + missing + ": no such file or directory\n"), debug.err());
        assertTrue(debug.err().contains("java.nio.file.NoSuchFileException") && debug.err().contains("\tat "),
                debug.err());
    }

    @Test
    void anUnreadableFileIsOneLine(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.call.bin"), "x");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(secret)) {
            return; // root reads any file: nothing to refuse here (the missing file covers the report)
        }
        CliTest.Run run = CliTest.run("wire", "decode", secret.toString());
        assertEquals(1, run.exit());
        assertEquals("gssproxy4j: " + secret + ": permission denied\n", run.err());
    }

    @Test
    void theDemoOutsideTheLauncherSaysHowToRunIt() {
        CliTest.Run run = CliTest.run("demo", "--check");
        assertEquals(1, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("run ./gssproxy4j demo"), run.err());
    }

    @Test
    void theSocketDirectoryMustBeUsable(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("gssproxy.conf"), "[gssproxy]\n  keyring = "
                + dir.resolve("keyring") + "\n\n[service/x]\n  mechs = krb5\n  euid = 0\n");
        Path file = Files.writeString(dir.resolve("not-a-directory"), "");
        CliTest.Run run = CliTest.run("serve", "-i", "-c", config.toString(), "-s",
                file.resolve("gp.sock").toString());
        assertEquals(1, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("gssproxy4j: cannot start: "), run.err());
    }
}
