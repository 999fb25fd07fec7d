package dev.gssproxy4j.bench.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fuzzing loop: {@code --connections} threads, each with its own connections (one per {@link Target},
 * reopened whenever the daemon closes one; records with broken framing on a throwaway one), take call numbers in
 * turn, send the mutant for that number, classify the answer and hand anything wrong to {@link Incidents}. Every
 * call runs inside the {@link Gate}, so that a death is handled while no call is in flight.
 */
final class FuzzCampaign {

    /** What a run did. */
    /** What a run did; {@code failure} is set if the fuzzer itself failed (e.g. the daemon would not restart). */
    record Result(long calls, long skipped, Duration elapsed, Histogram histogram, CallTimes times, long maxRssKb,
                  int restarts, Optional<Throwable> failure) {
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final FuzzSettings settings;
    private final FuzzDaemon daemon;
    private final MutantFactory factory;
    private final Findings findings;
    private final PrintStream out;
    private final Gate gate = new Gate();
    private final CallLog calls;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Incidents incidents;

    private final AtomicLong next = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Histogram histogram = new Histogram();
    private final CallTimes times = new CallTimes();
    private volatile long deadline = Long.MAX_VALUE;
    private volatile long lastProgressNanos;
    private long lastProgressCalls;

    FuzzCampaign(FuzzSettings settings, FuzzDaemon daemon, MutantFactory factory, ReproStore store,
                 Findings findings, PrintStream out) {
        this.settings = settings;
        this.daemon = daemon;
        this.factory = factory;
        this.findings = findings;
        this.out = out;
        this.calls = new CallLog(settings.connections(), settings.keepRecent());
        this.incidents = new Incidents(settings, daemon, factory, store, findings, calls, gate, stop);
    }

    Result run() throws InterruptedException {
        long start = System.nanoTime();
        if (!settings.duration().isZero()) {
            deadline = start + settings.duration().toNanos();
        }
        lastProgressNanos = start;
        try (RssSampler rss = new RssSampler(daemon::pid, settings.rssLimitKb(), (pid, kb, over) -> guarded(() -> {
            if (over) {
                incidents.onMemory(pid, kb);
            }
            if (System.nanoTime() - lastProgressNanos >= PROGRESS_EVERY.toNanos()) {
                progress(start, kb);
            }
        }))) {
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < settings.connections(); w++) {
                int slot = w;
                workers.add(Thread.ofPlatform().name("fuzz-connection-" + w).start(() -> guarded(() -> work(slot))));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (failure.get() == null && !daemon.serving()) {
                // died on one of the last calls, after its thread had finished
                guarded(() -> incidents.onDeath(daemon.pid()));
            }
            return new Result(sent.sum(), skipped.sum(), Duration.ofNanos(System.nanoTime() - start), histogram, times,
                    rss.maxKb(), daemon.starts() - 1, Optional.ofNullable(failure.get()));
        }
    }

    /** Runs {@code action}; if the fuzzer itself fails (a daemon that will not restart), the run stops. */
    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            stop.set(true);
        }
    }

    private void work(int slot) {
        Map<Target, FuzzConnection> connections = new EnumMap<>(Target.class);
        try {
            while (!stop.get()) {
                Mutant mutant;
                FuzzConnection.Reply reply;
                long pid;
                gate.enterCall();
                try {
                    long index = next.getAndIncrement();
                    if (stop.get() || index >= settings.calls() || System.nanoTime() > deadline) {
                        stop.set(true);
                        return;
                    }
                    mutant = factory.mutant(index);
                    if (settings.skip().isPresent() && settings.skip().get().matcher(mutant.inputClass()).find()) {
                        skipped.increment();
                        continue;
                    }
                    calls.sending(slot, mutant);
                    pid = daemon.pid();
                    long begin = System.nanoTime();
                    reply = send(connections, mutant, pid);
                    times.add(mutant.procedure().map(Enum::name).orElse("(no procedure)"), System.nanoTime() - begin);
                } finally {
                    gate.exitCall();
                }
                settle(mutant, reply, pid);
                calls.settled(slot);
            }
        } finally {
            connections.values().forEach(FuzzConnection::close);
        }
    }

    /** Sends on this thread's connection for the mutant's target (broken framing on a throwaway one). */
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

    /** Classifies the answer, has a death handled, and reports what is a finding. */
    private void settle(Mutant mutant, FuzzConnection.Reply reply, long pid) {
        Outcome outcome = Outcomes.classify(reply, mutant);
        boolean noAnswer = outcome.kind() == Outcome.Kind.CLOSED || outcome.kind() == Outcome.Kind.TIMEOUT;
        if (noAnswer && incidents.died(pid, mutant, outcome.kind() == Outcome.Kind.TIMEOUT)) {
            incidents.onDeath(pid);
            outcome = Outcome.closed("daemon died");
        }
        histogram.add(outcome.label());
        sent.increment();
        switch (outcome.kind()) {
            case TIMEOUT -> incidents.report(Finding.Kind.HANG, mutant, "no reply within " + settings.callTimeout()
                    + " while the daemon was alive and accepting connections", outcome);
            case SYSTEM_ERR -> incidents.report(Finding.Kind.SYSTEM_ERR, incidents.refine(mutant, outcome),
                    "RPC SYSTEM_ERR reply", outcome);
            case MALFORMED -> {
                if (mutant.exact()) {
                    incidents.report(Finding.Kind.MALFORMED_REPLY, incidents.refine(mutant, outcome),
                            outcome.label(), outcome);
                }
            }
            default -> { }
        }
    }

    /** One line every {@link #PROGRESS_EVERY}: totals, and the rate since the last line. */
    private void progress(long start, long rssKb) {
        long now = System.nanoTime();
        long total = sent.sum();
        double window = (now - lastProgressNanos) / 1e9;
        out.printf("fuzz: %d calls in %.0f s, %.0f calls/s in the last %.0f s, daemon RSS %d MiB, %d findings%n",
                total, (now - start) / 1e9, (total - lastProgressCalls) / window, window, rssKb / 1024,
                findings.total());
        lastProgressNanos = now;
        lastProgressCalls = total;
    }
}
