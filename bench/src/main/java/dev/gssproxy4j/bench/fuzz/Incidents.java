package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.GssProxyMessages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the campaign does when the daemon misbehaves: a death is handled once (the culprit found by
 * {@link CrashHandler}), a memory blow-up kills the daemon at once and looks for the call that caused it, a
 * SYSTEM_ERR or malformed reply caused by a call that made several changes is narrowed to one change, and every
 * finding is saved. Without {@code --keep-going} the first finding stops the run ({@link #stop}); with it the
 * daemon is restarted and the run goes on.
 */
final class Incidents {

    /** How long a daemon that stopped answering is given to finish dying (the JVM writes its crash report). */
    private static final Duration DYING = Duration.ofSeconds(3);
    /** How long a daemon that closed on a well-formed call without answering is watched for its death. */
    private static final Duration SUSPICIOUS_CLOSE = Duration.ofMillis(200);
    /** Calls answered just before a death that are replayed too, per connection, after those in flight. */
    private static final int DEATH_SUSPECTS_PER_CONNECTION = 2;
    /** Calls answered before RSS passed the limit that are replayed to find the one that made it grow. */
    private static final int MEMORY_SUSPECTS = 24;

    private final FuzzSettings settings;
    private final FuzzDaemon daemon;
    private final MutantFactory factory;
    private final ReproStore store;
    private final Findings findings;
    private final CallLog calls;
    private final Gate gate;
    private final CrashHandler crashes;
    private final AtomicBoolean stop;
    private final Set<Long> handled = ConcurrentHashMap.newKeySet();
    private final Set<Long> killedForMemory = ConcurrentHashMap.newKeySet();

    Incidents(FuzzSettings settings, FuzzDaemon daemon, MutantFactory factory, ReproStore store, Findings findings,
              CallLog calls, Gate gate, AtomicBoolean stop) {
        this.settings = settings;
        this.daemon = daemon;
        this.factory = factory;
        this.store = store;
        this.findings = findings;
        this.calls = calls;
        this.gate = gate;
        this.stop = stop;
        this.crashes = new CrashHandler(daemon, store, findings, settings.callTimeout(),
                mutant -> factory.singleChanges(mutant.index()));
    }

    /**
     * Whether daemon process {@code pid} is gone (or going: its listening socket no longer accepts). The kernel
     * closes a dying process's descriptors one by one, so a caller may see its own connection end while the
     * listening socket still accepts for a moment: a well-formed call that got no answer, and a timeout, give the
     * daemon a little time to finish dying before they count as a close or a hang.
     */
    boolean died(long pid, Mutant mutant, boolean timedOut) {
        if (daemon.pid() != pid || !daemon.serving()) {
            return true; // gone, or already replaced after a death handled by another thread
        }
        if (timedOut) {
            return daemon.awaitExit(DYING).isPresent(); // a JVM writing its crash report still holds its sockets
        }
        return mutant.exact() && mutant.record().length <= GssProxyMessages.MAX_RECORD + 4
                && daemon.awaitExit(SUSPICIOUS_CLOSE).isPresent();
    }

    /**
     * Handles the death of daemon {@code pid} once. Threads that notice the same death later wait until it is
     * handled, with their call still in flight, so the handler sees it.
     */
    void onDeath(long pid) {
        if (killedForMemory.contains(pid)) {
            return;
        }
        gate.exclusively(() -> {
            if (handled.add(pid)) {
                crashes.handle(pid, calls.inflight(),
                        calls.suspects(DEATH_SUSPECTS_PER_CONNECTION * settings.connections()), calls.recent(),
                        handled);
                goOnOrStop();
            }
            return null;
        });
    }

    /**
     * The daemon's RSS passed the limit: it is killed at once (a daemon that grows this fast can take the machine
     * with it, and calls blocked on it end), then the calls in flight and the last ones answered are replayed
     * alone to find the one that makes it grow.
     */
    void onMemory(long pid, long rssKb) {
        if (daemon.pid() != pid || !killedForMemory.add(pid)) {
            return;
        }
        List<Mutant> flying = calls.inflight();
        List<Mutant> before = calls.recent();
        List<Mutant> suspects = calls.suspects(MEMORY_SUSPECTS);
        daemon.kill();
        gate.exclusively(() -> {
            handled.add(pid);
            Optional<Triage.MemoryHog> hog = Triage.findMemoryHog(daemon, suspects, settings.rssLimitKb(),
                    settings.callTimeout(), handled);
            String inputClass = hog.map(h -> h.mutant().inputClass())
                    .orElse("(memory growth not reproduced by one call)");
            String location = hog.map(h -> h.mutant().location()).orElse("(unknown)");
            long call = hog.map(h -> h.mutant().index()).orElse(flying.isEmpty() ? -1 : flying.getFirst().index());
            var dir = findings.directoryFor(Finding.Kind.RSS_LIMIT + " " + location, Finding.Kind.RSS_LIMIT, call);
            dir.ifPresent(d -> {
                hog.ifPresent(h -> store.saveCall(d, "culprit", h.mutant(), "RSS grew by " + h.growthKb() / 1024
                        + " MiB when replayed alone"));
                store.saveCalls(d, "inflight", flying, "in flight when RSS passed the limit");
                store.saveCalls(d, "recent", before, "sent before RSS passed the limit (oldest first)");
            });
            findings.add(new Finding(Finding.Kind.RSS_LIMIT, call, location, inputClass, "daemon pid " + pid
                    + " RSS " + rssKb / 1024 + " MiB above the limit of " + settings.rssLimitKb() / 1024
                    + " MiB (killed)" + hog.map(h -> "; replayed alone it grew by " + h.growthKb() / 1024 + " MiB")
                    .orElse(""), dir));
            goOnOrStop();
            return null;
        });
    }

    /**
     * For a call that made several changes, the first change that gets the same kind of answer alone, else the
     * call itself. A replay that kills the daemon is left to the death handling, which finds it among the recent
     * calls.
     */
    Mutant refine(Mutant mutant, Outcome outcome) {
        List<Mutant> singles = factory.singleChanges(mutant.index());
        if (singles.isEmpty()) {
            return mutant;
        }
        return gate.exclusively(() -> {
            long pid = daemon.pid();
            for (Mutant single : singles) {
                calls.sent(single);
                try (FuzzConnection connection = FuzzConnection.open(daemon.socket(single.target()), pid)) {
                    Outcome alone = Outcomes.classify(connection.exchange(single.record(), false,
                            settings.callTimeout()), single);
                    if (alone.kind() == outcome.kind()) {
                        return single;
                    }
                } catch (IOException e) {
                    return mutant;
                }
                if (!daemon.serving()) {
                    return mutant;
                }
            }
            return mutant;
        });
    }

    /** Saves and records a finding about one call. */
    void report(Finding.Kind kind, Mutant mutant, String detail, Outcome outcome) {
        var dir = findings.directoryFor(kind + " " + mutant.location(), kind, mutant.index());
        dir.ifPresent(d -> store.saveCall(d, "input", mutant, outcome.label()));
        findings.add(new Finding(kind, mutant.index(), mutant.location(), mutant.inputClass(), detail, dir));
        if (!settings.keepGoing()) {
            stop.set(true);
        }
    }

    private void goOnOrStop() {
        if (!settings.keepGoing()) {
            stop.set(true);
        } else if (!daemon.serving()) {
            daemon.restart();
        }
    }
}
