package dev.gssproxy4j.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency samples of one worker thread (nanoseconds, appended without locking), and their merged summary.
 * Percentiles use the nearest-rank method: the p-th percentile of n sorted samples is the sample at rank
 * {@code ceil(p / 100 * n)}, so p99.9 of 1,000 samples is the 999th, never an interpolated value.
 */
public final class Latencies {

    private long[] samples;
    private int count;

    public Latencies(int expected) {
        samples = new long[Math.max(16, expected)];
    }

    /** Adds one sample; not thread-safe (one recorder per worker). */
    public void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = nanos;
    }

    public int count() {
        return count;
    }

    /** The summary of every sample of {@code recorders}. */
    public static Summary merge(Collection<Latencies> recorders) {
        int total = recorders.stream().mapToInt(Latencies::count).sum();
        long[] all = new long[total];
        int at = 0;
        for (Latencies recorder : recorders) {
            System.arraycopy(recorder.samples, 0, all, at, recorder.count);
            at += recorder.count;
        }
        return Summary.of(all);
    }

    /**
     * Latencies in microseconds; all NaN when there were no samples.
     *
     * @param count number of samples
     */
    public record Summary(int count, double meanMicros, double p50Micros, double p99Micros, double p999Micros,
                          double maxMicros) {

        public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);

        /** Summarises {@code nanos} (sorted in place). */
        public static Summary of(long[] nanos) {
            if (nanos.length == 0) {
                return EMPTY;
            }
            Arrays.sort(nanos);
            double sum = 0;
            for (long n : nanos) {
                sum += n;
            }
            return new Summary(nanos.length, sum / nanos.length / 1e3, percentile(nanos, 50) / 1e3,
                    percentile(nanos, 99) / 1e3, percentile(nanos, 99.9) / 1e3, nanos[nanos.length - 1] / 1e3);
        }
    }

    /**
     * The nearest-rank percentile of {@code sorted} (ascending, not empty).
     *
     * @param p in (0, 100]
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("percentile of no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        // A small epsilon keeps 99.9 / 100 * 1000 = 999.0000000000001 from rounding up to rank 1000.
        long rank = (long) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[(int) Math.max(1, Math.min(rank, sorted.length)) - 1];
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN values are skipped. */
    public static double median(Collection<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
