package dev.gssproxy4j.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs measurements against one realm: makes a fresh token pool for every run (a daemon's replay cache would
 * reject a reused AP-REQ), sized from the last rate seen for the same target and client count, then runs
 * {@link LoadRun}. The initiator's service ticket is fetched once, before anything is counted.
 */
final class Measurer {

    /** Rates assumed before a target was measured: generous, since a short pool ends the window early. */
    static final double FIRST_GUESS_FLOOR = 25_000;
    static final double FIRST_GUESS_PROXY = 8_000;
    private static final double MARGIN = 1.5;
    /** A run whose pool ran out before this share of the window is repeated once with a bigger pool. */
    private static final double MIN_WINDOW_SHARE = 0.5;

    private final Initiator initiator;
    private final BenchRealm realm;
    private final int generatorThreads;
    private final int fixedPoolSize;
    private final PrintStream log;
    private final Map<String, Double> lastRates = new HashMap<>();

    /**
     * @param realm         the realm whose KDC is counted, or null (a foreign socket)
     * @param fixedPoolSize tokens per run, or 0 to size pools from measured rates
     */
    Measurer(Initiator initiator, BenchRealm realm, int generatorThreads, int fixedPoolSize, PrintStream log) {
        this.initiator = initiator;
        this.realm = realm;
        this.generatorThreads = generatorThreads;
        this.fixedPoolSize = fixedPoolSize;
        this.log = log;
    }

    /** Fetches the service ticket into the ccache, so that no run below needs the KDC. */
    void primeServiceTicket() {
        try (Initiator.Session session = initiator.open()) {
            session.next(0);
        }
    }

    /** An unrecorded run; its rate is not used for sizing later pools (a cold JIT makes it pessimistic). */
    void warmUp(AcceptPath path, RunSpec spec) throws InterruptedException {
        double guess = path instanceof InProcessPath ? FIRST_GUESS_FLOOR : FIRST_GUESS_PROXY;
        RunResult result = measureWith(path, OptionalLong.empty(), spec, spec.tokensFor(guess, MARGIN));
        log.printf("  warm-up: %.0f ops/s, %d errors%n", result.opsPerSecond(), result.errors());
    }

    RunResult measure(AcceptPath path, OptionalLong pid, RunSpec spec) throws InterruptedException {
        String key = path.name() + "/" + spec.clients();
        if (fixedPoolSize > 0) {
            return measureWith(path, pid, spec, fixedPoolSize);
        }
        double guess = lastRates.getOrDefault(key, path instanceof InProcessPath ? FIRST_GUESS_FLOOR
                : FIRST_GUESS_PROXY);
        RunResult result = measureWith(path, pid, spec, spec.tokensFor(guess, MARGIN));
        double wanted = spec.duration().toNanos() / 1e9 * MIN_WINDOW_SHARE;
        // Not when operations failed: failing fast empties any pool, and a bigger one would only fail longer.
        if (result.poolExhausted() && result.windowSeconds() < wanted && result.errorSamples().isEmpty()) {
            log.printf("  the pool ran out %.2f s into the window; repeating with a bigger one%n",
                    result.windowSeconds());
            result = measureWith(path, pid, spec, Math.max(result.poolSize() * 3,
                    spec.tokensFor(result.opsPerSecond(), MARGIN * 1.5)));
        }
        if (result.ops() > 0) {
            lastRates.put(key, result.opsPerSecond());
        }
        return result;
    }

    private RunResult measureWith(AcceptPath path, OptionalLong pid, RunSpec spec, int size)
            throws InterruptedException {
        long kdcBaseline = realm == null ? 0 : realm.kdcRequests();
        TokenPool pool = TokenPool.generate(initiator, size, generatorThreads);
        log.printf("  %s clients=%d: %d AP-REQs made in %.1f s%n", path.name(), spec.clients(), size,
                pool.generationNanos() / 1e9);
        // Start the run with the pool's garbage collected, not in the middle of the measured window.
        System.gc();
        return new LoadRun(path, pool, spec, pid,
                realm == null ? null : () -> realm.kdcRequests() - kdcBaseline).execute();
    }
}
