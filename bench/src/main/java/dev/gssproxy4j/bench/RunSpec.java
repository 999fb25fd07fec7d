package dev.gssproxy4j.bench;

import java.time.Duration;

/**
 * One measured run: {@code clients} concurrent clients, each a thread with its own connection, for
 * {@code warmup} (operations run but are not counted) and then {@code duration} (counted).
 */
public record RunSpec(int clients, Duration warmup, Duration duration) {

    public RunSpec {
        if (clients < 1 || clients > 4096) {
            throw new IllegalArgumentException("clients must be 1..4096, got " + clients);
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("warm-up must be >= 0 and duration > 0, got " + warmup + " and "
                    + duration);
        }
    }

    public RunSpec withClients(int n) {
        return new RunSpec(n, warmup, duration);
    }

    /** Tokens that {@code opsPerSecond} would consume, with {@code margin} (e.g. 1.3) for faster runs. */
    public int tokensFor(double opsPerSecond, double margin) {
        double seconds = (warmup.toNanos() + duration.toNanos()) / 1e9;
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.ceil(opsPerSecond * seconds * margin) + 100 * clients);
    }
}
