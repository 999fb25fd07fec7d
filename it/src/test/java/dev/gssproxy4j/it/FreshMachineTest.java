package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two set-up commands on a machine without the Kerberos packages, played here by hiding their programs
 * ({@link HiddenKerberos}): {@code ./gssproxy4j demo --check} proves itself through the launcher, and
 * {@code ./test.sh}, when not root, stops at once with one line naming the missing packages.
 */
class FreshMachineTest {

    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void theDemoProvesItselfWithoutAnyKerberosProgram(@TempDir Path dir) throws IOException {
        HiddenKerberos hidden = HiddenKerberos.in(dir);
        List<String> command = new ArrayList<>(hidden.wrap());
        command.addAll(List.of(Checkout.root().resolve("gssproxy4j").toString(), "demo", "--check"));
        ChildProcess.Result result = ChildProcess.command(command)
                .environment(hidden.environment())
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("GSSPROXY4J_AOT", "0") // the start-up cache is the launcher's business, recorded once per build
                .output(dir, "demo")
                .run(DEMO_TIMEOUT);

        assertEquals("", hidden.visible(result.stdout()), "every Kerberos program was out of reach");
        assertEquals(0, result.exitCode(), "stdout: " + result.stdout() + "\nstderr: " + result.stderr());
        assertTrue(result.stdout().contains("proved: alice@GSSPROXY4J.TEST established a mutually authenticated "
                + "context with HTTP/localhost@GSSPROXY4J.TEST through the daemon"), result.stdout());
    }

    @Test
    void testShNamesTheMissingPackagesInOneLineWhenNotRoot(@TempDir Path dir) throws IOException {
        // a copy any uid can read, run as nobody; dpkg-query reads an empty package database (DPKG_ADMINDIR)
        Path copy = Files.createDirectories(dir.resolve("checkout/scripts"));
        for (String file : List.of("test.sh", "scripts/packages.sh", "scripts/test-packages", "scripts/jdk.sh")) {
            Files.copy(Checkout.root().resolve(file), copy.getParent().resolve(file));
        }
        Path dpkg = Files.createDirectories(dir.resolve("dpkg"));
        Files.writeString(dpkg.resolve("status"), "");
        for (Path path : List.of(dir, copy.getParent(), copy, dpkg)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ChildProcess.Builder testSh = ChildProcess.command("/bin/bash", copy.getParent().resolve("test.sh").toString())
                .environment(HiddenKerberos.in(dir.resolve("bin")).environment())
                .env("DPKG_ADMINDIR", dpkg.toString())
                .directory(dir);
        if (LocalUsers.runningAsRoot()) {
            testSh.asUser(65534, 65534); // nobody
        }
        ChildProcess.Result result = testSh.run(Duration.ofSeconds(30));

        String packages = String.join(" ", listedPackages());
        assertEquals(1, result.exitCode(), result.stderr());
        assertEquals("", result.stdout());
        assertEquals("test.sh: the integration tests need Debian packages that are not installed: " + packages
                + "; install them with `sudo apt-get install -y " + packages + "` (or run test.sh as root, which "
                + "does)\n", result.stderr());
    }

    private static List<String> listedPackages() throws IOException {
        return Files.readAllLines(Checkout.root().resolve("scripts/test-packages")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
}
