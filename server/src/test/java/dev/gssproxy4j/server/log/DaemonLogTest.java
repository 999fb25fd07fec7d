package dev.gssproxy4j.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daemon's log with an injected wall clock and monotonic clock: upstream's format, escaped, limited. */
class DaemonLogTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private DaemonLog.Restore restore;

    @BeforeEach
    void capture() {
        restore = DaemonLog.capture(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                InstantSource.fixed(Instant.parse("2026-12-02T13:04:05Z")), nanos::get,
                RateLimiter.Settings.DEFAULTS);
        DaemonLog.setLevel(0);
    }

    @AfterEach
    void release() {
        restore.close();
        DaemonLog.setLevel(0);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void linesHaveUpstreamsFormat() {
        DaemonLog.setLevel(1);
        DaemonLog.debug(1, "Initialization complete.");
        DaemonLog.debug(1, 7, "dropping connection");
        DaemonLog.debug(2, 7, "not at level 1");
        DaemonLog.error(7, "an error");
        assertEquals(List.of("[2026/12/02 13:04:05]: Initialization complete.",
                "[CID 7][2026/12/02 13:04:05]: dropping connection",
                "[CID 7][2026/12/02 13:04:05]: an error"), lines());
    }

    @Test
    void noCallerTextCanStartALineOnAnyPath() {
        DaemonLog.setLevel(1);
        String program = "/tmp/evil\n[2026/12/02 13:04:05]: New config loaded successfully.\u001b[2J";
        DaemonLog.errorFrom(1000, "No matching service found", 4, "No matching service found: uid 1000 (program "
                + program + ")");
        DaemonLog.debug(1, 4, "option value " + program);
        DaemonLog.error("file " + program);
        List<String> lines = lines();
        assertEquals(3, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("[2026/12/02 13:04:05]: New config")), lines::toString);
        assertTrue(lines.getFirst().endsWith("(program /tmp/evil\\x0a[2026/12/02 13:04:05]: New config loaded "
                + "successfully.\\x1b[2J)"), lines.getFirst());
    }

    @Test
    void aCallerRepeatingAnErrorGetsABurstThenOneLinePerTenSecondsAndASummary() {
        for (int i = 0; i < 10_000; i++) {
            DaemonLog.errorFrom(1000, "No matching service found", i, "No matching service found: uid 1000");
        }
        DaemonLog.errorFrom(1001, "No matching service found", 1, "No matching service found: uid 1001");
        assertEquals(11, lines().size(), "10 for uid 1000, and uid 1001 is not silenced by it");

        nanos.set(10 * SECOND);
        DaemonLog.errorFrom(1000, "No matching service found", 1, "No matching service found: uid 1000 again");
        List<String> lines = lines();
        assertEquals(List.of("[2026/12/02 13:04:05]: suppressed 9990 similar messages from uid 1000 (No matching "
                        + "service found)",
                "[CID 1][2026/12/02 13:04:05]: No matching service found: uid 1000 again"),
                lines.subList(11, lines.size()));
    }

    @Test
    void theSummaryOfASenderThatWentQuietComesWithALaterLine() {
        for (int i = 0; i < 25; i++) {
            DaemonLog.errorFrom(DaemonLog.UNKNOWN_UID, "refusing connection", i, "refusing connection");
        }
        nanos.set(10 * SECOND);
        DaemonLog.error("Error reading new configuration on SIGHUP; keeping old configuration instead!");
        List<String> lines = lines();
        assertEquals(List.of("[2026/12/02 13:04:05]: suppressed 15 similar messages from an unidentified peer "
                        + "(refusing connection)",
                "[2026/12/02 13:04:05]: Error reading new configuration on SIGHUP; keeping old configuration "
                        + "instead!"), lines.subList(10, lines.size()));
    }

    @Test
    void startUpAndConfigurationErrorsAreNeverLimited() {
        for (int i = 0; i < 100; i++) {
            DaemonLog.error("/etc/gssproxy/gssproxy.conf:" + i + ": problem");
        }
        assertEquals(100, lines().size());
    }

    @Test
    void anUncaughtErrorIsOneLineWithoutAStackTrace() {
        Thread worker = Thread.ofPlatform().name("conn 12").unstarted(() -> { });
        for (int i = 0; i < 50; i++) {
            DaemonLog.uncaughtExceptionHandler().uncaughtException(worker, new OutOfMemoryError("Java heap space"));
        }
        List<String> lines = lines();
        assertEquals(10, lines.size(), "limited");
        assertEquals("[2026/12/02 13:04:05]: thread 'conn 12' ended by java.lang.OutOfMemoryError: Java heap space",
                lines.getFirst());
    }

    @Test
    void aHugeMessageIsCut() {
        DaemonLog.errorFrom(5, "k", 1, "x".repeat(1 << 20));
        String line = lines().getFirst();
        assertTrue(line.length() < DaemonLog.MAX_MESSAGE_CHARS + 100, () -> "length " + line.length());
        assertTrue(line.endsWith(" more chars]"), line.substring(line.length() - 40));
    }
}
