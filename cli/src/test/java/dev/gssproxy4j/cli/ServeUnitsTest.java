package dev.gssproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The systemd units in {@code packaging/systemd}: systemd accepts them ({@code systemd-analyze verify}, where
 * installed) and every {@code ExecStart=} is a command line {@code serve} accepts.
 */
class ServeUnitsTest {

    private static final Path UNITS = Path.of("../packaging/systemd");
    private static final String LAUNCHER = "/usr/sbin/gssproxy4j";

    @Test
    void everyExecStartIsACommandLineServeAccepts() throws IOException {
        List<String> execStarts = new ArrayList<>();
        for (Path unit : units()) {
            Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).forEach(execStarts::add);
        }
        assertEquals(List.of("ExecStart=" + LAUNCHER + " serve -i", "ExecStart=" + LAUNCHER + " serve -i -u"),
                execStarts.stream().sorted().toList());
        for (String line : execStarts) {
            String[] words = line.substring(("ExecStart=" + LAUNCHER + " ").length()).split(" ");
            new CommandLine(new Main()).parseArgs(words); // throws on an option serve does not have
        }
    }

    @Test
    void systemdAcceptsTheUnits(@TempDir Path dir) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze checks the units");
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        for (Path unit : units()) {
            // the launcher need not be installed for the check: systemd-analyze refuses a missing ExecStart binary
            Files.writeString(dir.resolve(unit.getFileName()), Files.readString(unit).replace(LAUNCHER, "/bin/true"));
        }
        for (List<String> group : List.of(List.of("gssproxy4j.service", "gssproxy4j.socket"),
                List.of("gssproxy4j-user.service", "gssproxy4j-user.socket"))) {
            List<String> command = new ArrayList<>(List.of(analyze.toString()));
            if (group.getFirst().contains("-user")) {
                command.add("--user");
            }
            command.add("verify");
            group.forEach(name -> command.add(dir.resolve(name).toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), output);
            assertEquals("", output.strip(), () -> "systemd-analyze verify " + group + " complains:\n" + output);
        }
    }

    @Test
    void aNegativeIdleTimeoutIsRefusedInOneLine() {
        CliTest.Run run = CliTest.run("serve", "-u", "-i", "--idle-timeout=-5");
        assertEquals(1, run.exit());
        assertEquals("gssproxy4j: cannot start: --idle-timeout must be 0 (never) or a number of seconds, not -5",
                run.err().strip());
    }

    private static List<Path> units() throws IOException {
        try (Stream<Path> files = Files.list(UNITS)) {
            List<Path> units = files.filter(f -> f.toString().endsWith(".service") || f.toString().endsWith(".socket"))
                    .sorted().toList();
            assertTrue(units.size() == 4, () -> "four units expected in " + UNITS.toAbsolutePath() + ": " + units);
            return units;
        }
    }
}
