package dev.gssproxy4j.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the daemon's log path honest at the source level: unlimited {@link DaemonLog#error} only where no caller can
 * repeat the message (start-up, reload, configuration, the kernel and systemd interfaces, key rotation), no other
 * logging framework or stderr printing that would bypass escaping and limiting, and no stack traces.
 */
class LogCallSitesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    /** Files allowed to call the unlimited {@code DaemonLog.error}, each with how many times and why. */
    private static final Map<String, Integer> UNLIMITED = Map.of(
            "Daemon.java", 7, // start-up warnings, reload refused (twice), limits kept, closing sockets,
            // the statistics socket not opening or not closing
            "KernelNfsd.java", 1, // once per 10 s retry, as upstream
            "SystemdNotify.java", 1, // the notify socket of the service manager
            "ActivatedSockets.java", 1, // closing a socket systemd passed, once at start-up
            "IdlePark.java", 2, // the idle-connection selector's thread ends
            "Worker.java", 1, // a connection worker's thread ends
            "HandleSealer.java", 1); // once per key's seal budget
    private static final Pattern ERROR = Pattern.compile("DaemonLog\\.error\\(");
    private static final Pattern BYPASS = Pattern.compile(
            "printStackTrace|System\\.err|System\\.getLogger|java\\.util\\.logging|org\\.slf4j");

    @Test
    void unlimitedErrorsAreOnlyWhereNoCallerCanRepeatThem() {
        Map<String, Integer> found = new TreeMap<>();
        for (Path file : javaFiles()) {
            Matcher m = ERROR.matcher(read(file));
            while (m.find()) {
                found.merge(file.getFileName().toString(), 1, Integer::sum);
            }
        }
        assertEquals(new TreeMap<>(UNLIMITED), found, "a caller-triggered error must use DaemonLog.errorFrom");
    }

    @Test
    void nothingLogsAroundDaemonLog() {
        List<String> bypassing = javaFiles().stream()
                .filter(f -> !f.getFileName().toString().equals("DaemonLog.java"))
                .filter(f -> BYPASS.matcher(read(f)).find())
                .map(Path::toString).toList();
        assertEquals(List.of(), bypassing);
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
