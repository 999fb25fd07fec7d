package dev.gssproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM options (scripts/jdk.sh, scripts/daemon-jvm-options) send crash reports to a directory only the
 * daemon's user can open, never the working directory, and turn the JVM's core dump off. Crash reports hold memory
 * near the failing frame and the environment, and the JVM creates them with mode 0644 under a usual umask.
 */
@Timeout(120)
class CrashReportsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PRIVATE = "rwx------";

    @TempDir
    Path tmp;

    /** Runs {@code script} in bash after sourcing scripts/jdk.sh; returns stdout's lines. */
    private List<String> bash(Map<String, String> env, String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source \"$0/scripts/jdk.sh\" && " + script,
                ROOT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("GSSPROXY4J_CRASH_DIR");
        builder.environment().put("TMPDIR", tmp.resolve("tmp").toString());
        builder.environment().putAll(env);
        Files.createDirectories(tmp.resolve("tmp"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.lines().toList();
    }

    private static void assertPrivate(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS), dir + " is a directory, not a link");
        assertEquals(PRIVATE, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        assertEquals(Files.getOwner(ROOT.getRoot().resolve("proc/self")), Files.getOwner(dir), "owned by us");
    }

    @Test
    void theCrashDirectoryIsCreatedPrivateWhereTheAdminSays() throws Exception {
        Path wanted = tmp.resolve("state/crash-reports");
        Files.createDirectories(wanted.getParent());
        assertEquals(List.of(wanted.toString()), bash(Map.of("GSSPROXY4J_CRASH_DIR", wanted.toString()),
                "gssproxy4j_crash_dir"));
        assertPrivate(wanted);
    }

    @Test
    void aDirectoryOfOursThatIsTooWideIsNarrowed() throws Exception {
        Path wide = Files.createDirectories(tmp.resolve("wide"));
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(List.of(wide.toString()), bash(Map.of("GSSPROXY4J_CRASH_DIR", wide.toString()),
                "gssproxy4j_crash_dir"));
        assertPrivate(wide);
    }

    @Test
    void aSymlinkPreparedUnderTheNameIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("attacker"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString(PRIVATE));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), elsewhere);
        String uid = bash(Map.of(), "id -u").getFirst();
        Files.createSymbolicLink(tmp.resolve("tmp/gssproxy4j-crash-" + uid), elsewhere);

        Path chosen = Path.of(bash(Map.of("GSSPROXY4J_CRASH_DIR", link.toString()), "gssproxy4j_crash_dir")
                .getFirst());
        assertTrue(chosen.getFileName().toString().startsWith("gssproxy4j-crash."), () -> "a fresh mktemp one: "
                + chosen);
        assertEquals(tmp.resolve("tmp"), chosen.getParent());
        assertPrivate(chosen);
    }

    @Test
    void aDirectoryOwnedBySomeoneElseIsNotUsed() throws Exception {
        assumeTrue("0".equals(bash(Map.of(), "id -u").getFirst()), "needs root to give a directory away");
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString(PRIVATE));
        UserPrincipal nobody = theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534");
        Files.setOwner(theirs, nobody);

        Path chosen = Path.of(bash(Map.of("GSSPROXY4J_CRASH_DIR", theirs.toString()), "gssproxy4j_crash_dir")
                .getFirst());
        assertEquals(tmp.resolve("tmp/gssproxy4j-crash-0"), chosen, "the per-user one under TMPDIR");
        assertPrivate(chosen);
    }

    @Test
    void aCrashingDaemonJvmWritesItsReportThereAndNoCore() throws Exception {
        Path crashDir = tmp.resolve("crash");
        List<String> options = bash(Map.of("GSSPROXY4J_CRASH_DIR", crashDir.toString()),
                "gssproxy4j_daemon_jvm_options \"$0\"");
        assertTrue(options.contains("-XX:ErrorFile=" + crashDir + "/hs_err_pid%p.log"), options::toString);
        assertTrue(options.contains("-XX:ReplayDataFile=" + crashDir + "/replay_pid%p.log"), options::toString);
        assertTrue(options.contains("-XX:-CreateCoredumpOnCrash"), options::toString);

        Path workDir = Files.createDirectories(tmp.resolve("cwd"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeCrash.class.getName()));
        Process jvm = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, jvm.waitFor(), output);

        Path report = crashDir.resolve("hs_err_pid" + jvm.pid() + ".log");
        assertTrue(Files.isRegularFile(report), () -> "no " + report + "; JVM output:\n" + output);
        assertTrue(Files.readString(report).contains("CreateCoredumpOnCrash turned off, no core file dumped"));
        try (Stream<Path> left = Files.list(workDir)) {
            assertEquals(List.of(), left.toList(), "nothing in the working directory");
        }
        assertPrivate(crashDir);
    }
}
