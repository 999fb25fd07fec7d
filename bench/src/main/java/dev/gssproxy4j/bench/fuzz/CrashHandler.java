package dev.gssproxy4j.bench.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * What happens when the daemon died: collect how it died (exit status, stderr tail, the JVM's crash report), find
 * the culprit among the calls in flight ({@link Triage}), and save everything needed to reproduce: the culprit,
 * every call in flight, the last calls sent (for corruption that surfaces later), the stderr tail and the crash
 * report. Returns the finding; the caller decides whether to go on.
 */
final class CrashHandler {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final int STDERR_TAIL = 4000;
    private static final int STDERR_LINES = 8;
    private static final int MAX_LINE = 200;

    private final FuzzDaemon daemon;
    private final ReproStore store;
    private final Findings findings;
    private final Duration callTimeout;
    private final Function<Mutant, List<Mutant>> singles;

    /** @param singles each change of a mutant that made several, alone ({@link MutantFactory#singleChanges}) */
    CrashHandler(FuzzDaemon daemon, ReproStore store, Findings findings, Duration callTimeout,
                 Function<Mutant, List<Mutant>> singles) {
        this.daemon = daemon;
        this.store = store;
        this.findings = findings;
        this.callTimeout = callTimeout;
        this.singles = singles;
    }

    /**
     * @param inflight calls sent but not answered when the death was noticed, oldest first
     * @param suspects the calls to replay alone to find the culprit: those in flight, then the last answered
     * @param recent   the last calls sent, oldest first
     * @param deadPids daemons known dead; the triage adds the ones it kills
     */
    Finding handle(long pid, List<Mutant> inflight, List<Mutant> suspects, List<Mutant> recent,
                   Set<Long> deadPids) {
        OptionalInt status = daemon.awaitExit(EXIT_WAIT);
        String tail = daemon.stderrTail(STDERR_TAIL);
        Optional<Path> report = daemon.crashReport(pid);
        CrashReport crash = CrashReport.of(status, tail, read(report));
        Optional<Triage.Culprit> culprit = Triage.find(daemon, suspects, singles, callTimeout, deadPids);
        long first = culprit.map(c -> c.mutant().index())
                .orElse(inflight.isEmpty() ? recent.isEmpty() ? -1 : recent.getLast().index()
                        : inflight.getFirst().index());
        String inputClass = culprit.map(c -> c.mutant().inputClass())
                .orElse("(not reproduced by one call alone; " + inflight.size() + " in flight, see recent/)");
        String location = culprit.map(c -> c.mutant().location()).orElse("(unknown)");
        String signature = Finding.Kind.DAEMON_DIED + " " + location;
        Optional<Path> dir = findings.directoryFor(signature, Finding.Kind.DAEMON_DIED, first);
        dir.ifPresentOrElse(d -> save(d, crash, tail, report, culprit, inflight, recent), () -> {
            // Counted, not saved (the first few of this kind were): their crash reports would only pile up.
            report.ifPresent(ReproStore::delete);
            culprit.flatMap(c -> daemon.crashReport(c.pid())).ifPresent(ReproStore::delete);
        });
        String detail = crash.describe() + culprit.map(c -> "; replayed alone: " + c.crash().describe())
                .orElse("; no single in-flight call reproduced it");
        Finding finding = new Finding(Finding.Kind.DAEMON_DIED, first, location, inputClass, detail, dir);
        findings.add(finding, lastLines(tail));
        return finding;
    }

    /** The daemon's last words for the console: the last few non-empty lines, each cut short. */
    private static List<String> lastLines(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.length() <= MAX_LINE ? l : l.substring(0, MAX_LINE) + "...").toList();
        return lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size());
    }

    private void save(Path dir, CrashReport crash, String tail, Optional<Path> report,
                      Optional<Triage.Culprit> culprit, List<Mutant> inflight, List<Mutant> recent) {
        store.saveText(dir, "crash.txt", crash.describe() + "\n\n--- end of the daemon's stderr ---\n" + tail);
        report.ifPresent(r -> store.move(r, dir));
        culprit.ifPresent(c -> {
            store.saveCall(dir, "culprit", c.mutant(), "the daemon died when this call was replayed alone: "
                    + c.crash().describe());
            store.saveText(dir, "culprit-replay-stderr.txt", c.stderrTail());
            daemon.crashReport(c.pid()).ifPresent(r -> store.move(r, dir));
        });
        store.saveCalls(dir, "inflight", inflight, "in flight when the daemon died");
        store.saveCalls(dir, "recent", recent, "sent before the daemon died (oldest first)");
    }

    /** The text of a JVM crash report, read leniently (it may hold bytes that are not UTF-8). */
    static Optional<String> read(Optional<Path> file) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Files.readAllBytes(file.get()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
