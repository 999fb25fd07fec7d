package dev.gssproxy4j.bench;

import java.util.Map;

/**
 * What one run measured.
 *
 * @param target            the accept path's name
 * @param spec              what was asked for
 * @param ops               operations that started in the measured window and succeeded
 * @param errors            operations that started in the measured window and failed
 * @param windowSeconds     from the end of the warm-up to the end of the last measured operation
 * @param latency           the ACCEPT step of the successful measured operations
 * @param daemonCpuMicros   the daemon's user+system CPU in the window per successful operation (for the floor,
 *                          this process's); NaN if no process was observed
 * @param loadCpuMicros     this process's CPU per operation (initiator-side import, unwrap, client, JVM)
 * @param daemonMemory      the daemon's memory at the end of the run, or null
 * @param kdcRequests       AS/TGS requests the KDC received from the start of token generation to the end of
 *                          the run (0 proves the KDC was out of the loop), or -1 if unknown
 * @param poolUsed          tokens consumed (warm-up included)
 * @param poolSize          tokens made before the run
 * @param poolExhausted     whether the run ended early because the pool ran out
 * @param errorSamples      distinct error messages (capped) with their counts, warm-up included
 */
public record RunResult(String target, RunSpec spec, long ops, long errors, double windowSeconds,
                        Latencies.Summary latency, double daemonCpuMicros, double loadCpuMicros,
                        ProcFs.Memory daemonMemory, long kdcRequests, int poolUsed, int poolSize,
                        boolean poolExhausted, Map<String, Long> errorSamples) {

    public RunResult {
        errorSamples = Map.copyOf(errorSamples);
    }

    public double opsPerSecond() {
        return windowSeconds > 0 ? ops / windowSeconds : Double.NaN;
    }

    /** One line for the console. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-10s clients=%-3d %9.0f ops/s  (%d ops in %.2f s, %d errors)  ACCEPT p50 %s"
                        + " p99 %s p99.9 %s  daemon CPU %s/op  loadgen CPU %s/op", target, spec.clients(),
                opsPerSecond(), ops, windowSeconds, errors, micros(latency.p50Micros()), micros(latency.p99Micros()),
                micros(latency.p999Micros()), micros(daemonCpuMicros), micros(loadCpuMicros)));
        if (daemonMemory != null) {
            line.append(String.format("  RSS %.1f MiB (peak %.1f MiB)", daemonMemory.rssKb() / 1024.0,
                    daemonMemory.peakRssKb() / 1024.0));
        }
        line.append("  KDC requests ").append(kdcRequests < 0 ? "n/a" : Long.toString(kdcRequests));
        line.append("  pool ").append(poolUsed).append('/').append(poolSize);
        if (poolExhausted) {
            line.append(" EXHAUSTED (window ended early; raise --pool)");
        }
        errorSamples.forEach((message, count) -> line.append("\n    error x").append(count).append(": ")
                .append(message));
        return line.toString();
    }

    static String micros(double value) {
        return Double.isNaN(value) ? "n/a" : value >= 100 ? String.format("%.0f µs", value)
                : String.format("%.1f µs", value);
    }
}
