package dev.gssproxy4j.bench.echo;

/**
 * CPU work of a given length for {@link EchoServer} and {@link EchoFloor}: a fixed number of steps of arithmetic,
 * calibrated once against the clock, so that a thread preempted in the middle still does all of it (spinning until
 * a deadline would count the time it was preempted as work done).
 */
final class Work {

    private static final int CALIBRATION_STEPS = 1 << 20;
    /** Keeps the JIT from removing the arithmetic. */
    private static volatile long sink;

    private Work() {}

    /** Steps of {@link #compute} that take {@code nanos} of CPU on this machine (fastest of several trials). */
    static long iterationsFor(long nanos) {
        if (nanos == 0) {
            return 0;
        }
        long best = Long.MAX_VALUE;
        for (int trial = 0; trial < 30; trial++) {
            long begin = System.nanoTime();
            compute(CALIBRATION_STEPS);
            best = Math.min(best, System.nanoTime() - begin);
        }
        return Math.max(1, nanos * CALIBRATION_STEPS / Math.max(1, best));
    }

    /** {@code steps} rounds of xorshift. */
    static void compute(long steps) {
        long x = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
    }
}
