package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.GssProxyMessages;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The fuzzing loop: {@code --connections} threads, each with its own connections (one per {@link Target},
 * reopened whenever the daemon closes one), take call numbers in turn, send the mutant for that number, classify
 * the answer and report findings.
 *
 * <p>A daemon death is handled once, by the first thread that notices it, while the others wait: every call
 * sends under the read side of {@link #gate}, the handler takes the write side, so it sees every call that was in
 * flight and no call reaches the daemon it restarts for triage. Without {@code --keep-going} the first finding
 * stops the run; with it the daemon is restarted and findings are counted.
 */
final class FuzzCampaign {

    /** What a run did. */
    record Result(long calls, Duration elapsed, Histogram histogram, CallTimes times, long maxRssKb, int restarts) {
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** How long a daemon that stopped answering is given to finish dying (the JVM writes its crash report). */
    private static final Duration DYING = Duration.ofSeconds(3);
    /** How long a daemon that closed on a well-formed call without answering is watched for its death. */
    private static final Duration SUSPICIOUS_CLOSE = Duration.ofMillis(200);
    /** Calls answered just before a death that are replayed too, after those in flight. */
    private static final int DEATH_SUSPECTS_PER_CONNECTION = 2;
    /** Calls answered before RSS passed the limit that are replayed to find the one that made it grow. */
    private static final int MEMORY_SUSPECTS = 24;

    private final FuzzSettings settings;
    private final FuzzDaemon daemon;
    private final MutantFactory factory;
    private final ReproStore store;
    private final Findings findings;
    private final CrashHandler crashes;
    private final PrintStream out;

    private final AtomicLong next = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final Histogram histogram = new Histogram();
    private final CallTimes times = new CallTimes();
    private final RecentCalls recent;
    private final AtomicReferenceArray<Mutant> inflight;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Object deaths = new Object();
    private final Set<Long> deadPids = new HashSet<>();
    private volatile boolean stop;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile long lastProgressNanos;
    private long lastProgressCalls;

    FuzzCampaign(FuzzSettings settings, FuzzDaemon daemon, MutantFactory factory, ReproStore store,
                 Findings findings, PrintStream out) {
        this.settings = settings;
        this.daemon = daemon;
        this.factory = factory;
        this.store = store;
        this.findings = findings;
        this.crashes = new CrashHandler(daemon, store, findings, settings.callTimeout());
        this.out = out;
        this.recent = new RecentCalls(settings.keepRecent());
        this.inflight = new AtomicReferenceArray<>(settings.connections());
    }

    Result run() throws InterruptedException {
        long start = System.nanoTime();
        if (!settings.duration().isZero()) {
            deadline = start + settings.duration().toNanos();
        }
        lastProgressNanos = start;
        try (RssSampler rss = new RssSampler(daemon::pid, settings.rssLimitKb(), (pid, kb, over) -> {
            if (over) {
                memoryFinding(pid, kb);
            }
            if (System.nanoTime() - lastProgressNanos >= PROGRESS_EVERY.toNanos()) {
                progress(start, kb);
            }
        })) {
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < settings.connections(); w++) {
                int slot = w;
                workers.add(Thread.ofPlatform().name("fuzz-connection-" + w).start(() -> work(slot)));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (!daemon.serving()) {
                onDeath(daemon.pid()); // died on one of the last calls, after its thread had finished
            }
            return new Result(sent.sum(), Duration.ofNanos(System.nanoTime() - start), histogram, times, rss.maxKb(),
                    daemon.starts() - 1);
        }
    }

    private void work(int slot) {
        Map<Target, FuzzConnection> connections = new EnumMap<>(Target.class);
        try {
            while (!stop) {
                Mutant mutant;
                FuzzConnection.Reply reply;
                long pid;
                gate.readLock().lock();
                try {
                    long index = next.getAndIncrement();
                    if (stop || index >= settings.calls() || System.nanoTime() > deadline) {
                        stop = true;
                        return;
                    }
                    mutant = factory.mutant(index);
                    inflight.set(slot, mutant);
                    recent.add(mutant);
                    pid = daemon.pid();
                    long begin = System.nanoTime();
                    reply = send(connections, mutant, pid);
                    times.add(mutant.procedure().map(Enum::name).orElse("(no procedure)"), System.nanoTime() - begin);
                } finally {
                    gate.readLock().unlock();
                }
                settle(mutant, reply, pid, connections);
                inflight.set(slot, null);
            }
        } finally {
            connections.values().forEach(FuzzConnection::close);
        }
    }

    /** Sends on this thread's connection for the mutant's target (framing mutants on a throwaway one). */
    private FuzzConnection.Reply send(Map<Target, FuzzConnection> connections, Mutant mutant, long pid) {
        FuzzConnection connection = mutant.framing() ? null : connections.get(mutant.target());
        if (connection == null || !connection.isOpen() || connection.daemonPid() != pid) {
            if (connection != null) {
                connection.close();
            }
            try {
                connection = FuzzConnection.open(daemon.socket(mutant.target()), pid);
            } catch (IOException e) {
                return new FuzzConnection.Closed("connect failed");
            }
            if (!mutant.framing()) {
                connections.put(mutant.target(), connection);
            }
        }
        FuzzConnection.Reply reply = connection.exchange(mutant.record(), mutant.framing(), settings.callTimeout());
        if (mutant.framing() || !(reply instanceof FuzzConnection.Record)) {
            connection.close();
        }
        return reply;
    }

    /** Classifies the answer, handles a death, and reports what is a finding. */
    private void settle(Mutant mutant, FuzzConnection.Reply reply, long pid, Map<Target, FuzzConnection> open) {
        Outcome outcome = Outcomes.classify(reply, mutant);
        boolean noAnswer = outcome.kind() == Outcome.Kind.CLOSED || outcome.kind() == Outcome.Kind.TIMEOUT;
        if (noAnswer && died(pid, mutant, outcome.kind() == Outcome.Kind.TIMEOUT)) {
            onDeath(pid);
            outcome = Outcome.closed("daemon died");
        }
        histogram.add(outcome.label());
        sent.increment();
        switch (outcome.kind()) {
            case TIMEOUT -> report(Finding.Kind.HANG, mutant, "no reply within " + settings.callTimeout()
                    + " while the daemon was alive and accepting connections", outcome);
            case SYSTEM_ERR -> report(Finding.Kind.SYSTEM_ERR, mutant, "RPC SYSTEM_ERR reply", outcome);
            case MALFORMED -> {
                if (mutant.exact()) {
                    report(Finding.Kind.MALFORMED_REPLY, mutant, outcome.label(), outcome);
                }
            }
            default -> { }
        }
    }

    /**
     * Whether daemon process {@code pid} is gone (or going: its listening socket no longer accepts). The kernel
     * closes a dying process's descriptors one by one, so a caller may see its own connection end while the
     * listening socket still accepts for a moment: a well-formed call that got no answer, and a timeout, give the
     * daemon a little time to finish dying before they count as a close or a hang.
     */
    private boolean died(long pid, Mutant mutant, boolean timedOut) {
        if (daemon.pid() != pid) {
            return true; // already replaced after a death another thread handled
        }
        if (!daemon.serving()) {
            return true;
        }
        if (timedOut) {
            return daemon.awaitExit(DYING).isPresent(); // a JVM writing its crash report still holds its sockets
        }
        return mutant.exact() && mutant.record().length <= GssProxyMessages.MAX_RECORD + 4
                && daemon.awaitExit(SUSPICIOUS_CLOSE).isPresent();
    }

    /**
     * Handles the death of daemon {@code pid} once. Threads that notice the same death later wait here until it is
     * handled, with their call still marked in flight, so the handler's snapshot has it.
     */
    private void onDeath(long pid) {
        synchronized (deaths) {
            if (deadPids.contains(pid)) {
                return;
            }
            deadPids.add(pid);
            handleDeath(pid);
        }
    }

    private void handleDeath(long pid) {
        gate.writeLock().lock();
        try {
            List<Mutant> before = recent.snapshot();
            crashes.handle(pid, inflight(), suspects(inflight(), before,
                    DEATH_SUSPECTS_PER_CONNECTION * settings.connections()), before, deadPids);
            if (settings.keepGoing()) {
                if (!daemon.serving()) {
                    daemon.restart();
                }
            } else {
                stop = true;
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    private void report(Finding.Kind kind, Mutant mutant, String detail, Outcome outcome) {
        var dir = findings.directoryFor(kind + " " + mutant.location(), kind, mutant.index());
        dir.ifPresent(d -> store.saveCall(d, "input", mutant, outcome.label()));
        findings.add(new Finding(kind, mutant.index(), mutant.location(), mutant.inputClass(), detail, dir));
        if (!settings.keepGoing()) {
            stop = true;
        }
    }

    /**
     * The daemon's RSS passed the limit: it is killed at once (a daemon that grows this fast can take the machine
     * with it), the calls in flight and the last ones answered are replayed alone to find the one that makes it
     * grow, and the run goes on with a new daemon or stops.
     */
    private void memoryFinding(long pid, long rssKb) {
        synchronized (deaths) {
            if (deadPids.contains(pid) || daemon.pid() != pid) {
                return;
            }
            deadPids.add(pid);
            daemon.kill();
            gate.writeLock().lock();
            try {
                List<Mutant> flying = inflight();
                List<Mutant> before = recent.snapshot();
                List<Mutant> candidates = suspects(flying, before, MEMORY_SUSPECTS);
                Optional<Mutant> hog = Triage.findMemoryHog(daemon, candidates, settings.rssLimitKb(),
                        settings.callTimeout(), deadPids);
                String inputClass = hog.map(Mutant::inputClass).orElse("(memory growth not reproduced by one call)");
                String location = hog.map(Mutant::location).orElse("(unknown)");
                long call = hog.map(Mutant::index).orElse(next.get());
                var dir = findings.directoryFor(Finding.Kind.RSS_LIMIT + " " + location, Finding.Kind.RSS_LIMIT,
                        call);
                dir.ifPresent(d -> {
                    hog.ifPresent(m -> store.saveCall(d, "culprit", m, "RSS above the limit when replayed alone"));
                    store.saveCalls(d, "inflight", flying, "in flight when RSS passed the limit");
                    store.saveCalls(d, "recent", before, "sent before RSS passed the limit (oldest first)");
                });
                findings.add(new Finding(Finding.Kind.RSS_LIMIT, call, location, inputClass, "daemon pid " + pid + " RSS "
                        + rssKb / 1024 + " MiB above the limit of " + settings.rssLimitKb() / 1024 + " MiB (killed)"
                        + hog.map(m -> "; replayed alone it passed the limit again").orElse(""), dir));
                if (settings.keepGoing()) {
                    if (!daemon.serving()) {
                        daemon.restart();
                    }
                } else {
                    stop = true;
                }
            } finally {
                gate.writeLock().unlock();
            }
        }
    }

    /** The calls in flight, then up to {@code more} of the last ones sent before them, newest first. */
    private static List<Mutant> suspects(List<Mutant> flying, List<Mutant> recent, int more) {
        List<Mutant> candidates = new ArrayList<>(flying);
        recent.reversed().stream().filter(m -> !flying.contains(m)).limit(more).forEach(candidates::add);
        return candidates;
    }

    /** The calls in flight now, oldest first. */
    private List<Mutant> inflight() {
        List<Mutant> flying = new ArrayList<>();
        for (int i = 0; i < inflight.length(); i++) {
            Optional.ofNullable(inflight.get(i)).ifPresent(flying::add);
        }
        flying.sort(Comparator.comparingLong(Mutant::index));
        return flying;
    }

    /** One line every {@link #PROGRESS_EVERY}: totals, and the rate since the last line. */
    private void progress(long start, long rssKb) {
        long now = System.nanoTime();
        long calls = sent.sum();
        double window = (now - lastProgressNanos) / 1e9;
        out.printf("fuzz: %d calls in %.0f s, %.0f calls/s in the last %.0f s, daemon RSS %d MiB, %d findings%n",
                calls, (now - start) / 1e9, (calls - lastProgressCalls) / window, window, rssKb / 1024,
                findings.total());
        lastProgressNanos = now;
        lastProgressCalls = calls;
    }
}
