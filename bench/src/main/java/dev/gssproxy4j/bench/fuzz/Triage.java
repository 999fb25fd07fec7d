package dev.gssproxy4j.bench.fuzz;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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

    /** How often and how long a replayed call is watched for memory growth. */
    private static final Duration RSS_POLL = Duration.ofMillis(100);
    private static final int RSS_POLLS = 30;

    /** The culprit, how the replay ended the daemon, and that daemon's pid (its crash report is named after it). */
    record Culprit(Mutant mutant, CrashReport crash, String stderrTail, long pid) {
    }

    private Triage() {
    }

    /**
     * Replays {@code candidates} in order until one kills the daemon; restarts the daemon before each replay that
     * needs it. Pids of daemons that died here are added to {@code deadPids}.
     */
    static Optional<Culprit> find(FuzzDaemon daemon, List<Mutant> candidates, Duration timeout, Set<Long> deadPids) {
        for (Mutant candidate : candidates) {
            if (!daemon.serving()) {
                daemon.restart();
            }
            long pid = daemon.pid();
            try (FuzzConnection connection = FuzzConnection.open(daemon.socket(candidate.target()), pid)) {
                connection.exchange(candidate.record(), candidate.framing(), timeout);
            } catch (IOException e) {
                continue; // the daemon did not take the connection: nothing was replayed
            }
            FuzzDaemon.sleep(AFTERMATH);
            OptionalInt status = daemon.serving() ? OptionalInt.empty() : daemon.awaitExit(EXIT_WAIT);
            if (status.isPresent()) {
                deadPids.add(pid);
                String tail = daemon.stderrTail(4000);
                Optional<String> report = CrashHandler.read(daemon.crashReport(pid));
                return Optional.of(new Culprit(candidate, CrashReport.of(status, tail, report), tail, pid));
            }
        }
        return Optional.empty();
    }

    /**
     * Replays {@code candidates} one by one, each against a fresh daemon, until one takes the daemon's RSS above
     * {@code limitKb} within three seconds; that daemon is killed at once. The candidates should include calls
     * that were answered shortly before, since memory that is allocated and kept grows after the reply.
     */
    static Optional<Mutant> findMemoryHog(FuzzDaemon daemon, List<Mutant> candidates, long limitKb,
                                          Duration timeout, Set<Long> deadPids) {
        for (Mutant candidate : candidates) {
            if (!daemon.serving()) {
                daemon.restart();
            }
            long pid = daemon.pid();
            try (FuzzConnection connection = FuzzConnection.open(daemon.socket(candidate.target()), pid)) {
                Thread watcher = Thread.ofPlatform().daemon(true).start(
                        () -> connection.exchange(candidate.record(), candidate.framing(), timeout));
                for (int poll = 0; poll < RSS_POLLS; poll++) {
                    FuzzDaemon.sleep(RSS_POLL);
                    if (daemon.rssKb().orElse(0) > limitKb) {
                        daemon.kill();
                        deadPids.add(pid);
                        return Optional.of(candidate);
                    }
                    if (!watcher.isAlive() && poll >= 5) {
                        break; // answered, and half a second without growth after the reply
                    }
                }
            } catch (IOException e) {
                // not replayed
            }
        }
        return Optional.empty();
    }
}
