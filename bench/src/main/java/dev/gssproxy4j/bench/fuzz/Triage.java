package dev.gssproxy4j.bench.fuzz;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds which of the calls in flight when the daemon died killed it: each is replayed alone, on a connection of
 * its own, against a freshly started daemon (same configuration and keyring, so its handles are still valid),
 * and the first after which the daemon dies is the culprit. With several connections the crash cannot otherwise
 * be pinned to one input, and a culprit replayed alone is a reproduction someone can fix against.
 */
final class Triage {

    /** How long a daemon that took a reply is watched for a crash in its clean-up (a double free after sending). */
    private static final Duration AFTERMATH = Duration.ofMillis(100);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    /** The culprit, how the replay ended the daemon, and that daemon's pid (its crash report is named after it). */
    record Culprit(Mutant mutant, CrashReport crash, String stderrTail, long pid) {
    }

    private Triage() {
    }

    /**
     * Replays {@code candidates} in order until one kills the daemon; restarts the daemon before each replay that
     * needs it. When the culprit made several changes, each change is then replayed alone ({@code singles}) and
     * the first that kills the daemon by itself becomes the culprit, so the finding names the change that matters.
     * Pids of daemons that died here are added to {@code deadPids}.
     */
    static Optional<Culprit> find(FuzzDaemon daemon, List<Mutant> candidates, Function<Mutant, List<Mutant>> singles,
                                  Duration timeout, Set<Long> deadPids) {
        for (Mutant candidate : candidates) {
            Optional<Culprit> culprit = replayKills(daemon, candidate, timeout, deadPids);
            if (culprit.isPresent()) {
                for (Mutant single : singles.apply(candidate)) {
                    Optional<Culprit> simpler = replayKills(daemon, single, timeout, deadPids);
                    if (simpler.isPresent()) {
                        return simpler;
                    }
                }
                return culprit;
            }
        }
        return Optional.empty();
    }

    /** Replays {@code mutant} alone against a serving daemon; how it died, if it did. */
    private static Optional<Culprit> replayKills(FuzzDaemon daemon, Mutant mutant, Duration timeout,
                                                 Set<Long> deadPids) {
        if (!daemon.serving()) {
            daemon.restart();
        }
        long pid = daemon.pid();
        try (FuzzConnection connection = FuzzConnection.open(daemon.socket(mutant.target()), pid)) {
            connection.exchange(mutant.record(), mutant.framing(), timeout);
        } catch (IOException e) {
            return Optional.empty(); // the daemon did not take the connection: nothing was replayed
        }
        FuzzDaemon.sleep(AFTERMATH);
        OptionalInt status = daemon.serving() ? OptionalInt.empty() : daemon.awaitExit(EXIT_WAIT);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        deadPids.add(pid);
        String tail = daemon.stderrTail(4000);
        Optional<String> report = CrashHandler.read(daemon.crashReport(pid));
        return Optional.of(new Culprit(mutant, CrashReport.of(status, tail, report), tail, pid));
    }

    /** A call that makes the daemon grow, and by how much when replayed alone. */
    record MemoryHog(Mutant mutant, long growthKb) {
    }

    /**
     * Replays {@code candidates} one by one until one makes the daemon's RSS rise by a quarter of
     * {@code limitKb} or more while it runs ({@link FuzzDaemon#peakGrowthKb}), or pass the limit; that daemon is
     * killed. The daemon is restarted whenever it already holds half the limit, so growth left by earlier replays
     * is not blamed on a later one. The candidates should include calls answered shortly before, since memory
     * that is kept may grow after the reply.
     */
    static Optional<MemoryHog> findMemoryHog(FuzzDaemon daemon, List<Mutant> candidates, long limitKb,
                                             Duration timeout, Set<Long> deadPids) {
        for (Mutant candidate : candidates) {
            if (!daemon.serving() || daemon.rssKb().orElse(0) > limitKb / 2) {
                daemon.restart();
            }
            long pid = daemon.pid();
            long before = daemon.rssKb().orElse(0);
            FuzzConnection connection;
            try {
                connection = FuzzConnection.open(daemon.socket(candidate.target()), pid);
            } catch (IOException e) {
                continue; // not replayed
            }
            try (connection) {
                long growth = daemon.peakGrowthKb(
                        () -> connection.exchange(candidate.record(), candidate.framing(), timeout), limitKb);
                if (growth > limitKb / 4 || before + growth > limitKb) {
                    daemon.kill();
                    deadPids.add(pid);
                    return Optional.of(new MemoryHog(candidate, growth));
                }
            }
        }
        return Optional.empty();
    }
}
