package dev.gssproxy4j.server.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Call durations in microseconds, lock-free, in fixed memory: four buckets per power of two (so a reported
 * percentile is at most 19% above the true value) from 1 µs to about 35 minutes. Percentiles are read as the upper
 * bound of the bucket that holds the sample of that rank.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKETS = 4;
    private static final int POWERS = 32;
    private final AtomicLongArray counts = new AtomicLongArray(POWERS * SUB_BUCKETS);
    private final LongAdder sumMicros = new LongAdder();
    private final LongAdder count = new LongAdder();

    void record(long nanos) {
        long micros = Math.max(1, nanos / 1000);
        counts.incrementAndGet(bucket(micros));
        sumMicros.add(micros);
        count.increment();
    }

    long count() {
        return count.sum();
    }

    long sumMicros() {
        return sumMicros.sum();
    }

    /** The {@code q}-quantile (0 < q <= 1) in microseconds, or 0 with no samples. */
    long quantileMicros(double q) {
        long[] snapshot = new long[counts.length()];
        long total = 0;
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < snapshot.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(snapshot.length - 1);
    }

    static int bucket(long micros) {
        int power = 63 - Long.numberOfLeadingZeros(micros); // micros >= 1
        if (power >= POWERS) {
            return POWERS * SUB_BUCKETS - 1;
        }
        // the two bits below the leading one pick the quarter of [2^power, 2^(power+1)); 1-3 µs: one bucket each
        int sub = power >= 2 ? (int) ((micros >>> (power - 2)) & 3) : SUB_BUCKETS - 1;
        return power * SUB_BUCKETS + sub;
    }

    static long upperBound(int bucket) {
        int power = bucket / SUB_BUCKETS;
        int sub = bucket % SUB_BUCKETS;
        long base = 1L << power;
        return base + (base * (sub + 1)) / SUB_BUCKETS - 1;
    }
}
