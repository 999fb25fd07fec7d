package dev.gssproxy4j.server.stats;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Renders {@link CallStats} in the Prometheus text exposition format (version 0.0.4), which
 * {@code gssproxy4j stats} prints as a table and which node_exporter's textfile collector or any Prometheus-aware
 * agent reads as is. The format is documented in docs/STATS.md; it never holds a name, token or key of a caller.
 */
public final class StatsReport {

    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private StatsReport() {
    }

    public static String render(CallStats stats, long nowMillis) {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP gssproxy4j_uptime_seconds Seconds since the daemon started.\n")
                .append("# TYPE gssproxy4j_uptime_seconds gauge\n")
                .append("gssproxy4j_uptime_seconds ").append((nowMillis - stats.startedMillis()) / 1000).append('\n');
        Map<CallStats.Key, CallStats.Series> series = stats.snapshot();
        out.append("# HELP gssproxy4j_calls_total Calls answered, per procedure and service.\n")
                .append("# TYPE gssproxy4j_calls_total counter\n");
        series.forEach((key, s) -> out.append("gssproxy4j_calls_total").append(labels(key)).append(' ')
                .append(s.latency.count()).append('\n'));
        out.append("# HELP gssproxy4j_call_failures_total Calls answered with a GSS error, by its primary error.\n")
                .append("# TYPE gssproxy4j_call_failures_total counter\n");
        series.forEach((key, s) -> new java.util.TreeMap<>(s.failures).forEach((major, n) ->
                out.append("gssproxy4j_call_failures_total").append(labels(key, "major", major)).append(' ')
                        .append(n.sum()).append('\n')));
        out.append("# HELP gssproxy4j_call_duration_microseconds From a request's arrival to its encoded reply.\n")
                .append("# TYPE gssproxy4j_call_duration_microseconds summary\n");
        series.forEach((key, s) -> {
            for (double q : QUANTILES) {
                out.append("gssproxy4j_call_duration_microseconds").append(labels(key, "quantile",
                        Double.toString(q))).append(' ').append(s.latency.quantileMicros(q)).append('\n');
            }
            out.append("gssproxy4j_call_duration_microseconds_sum").append(labels(key)).append(' ')
                    .append(s.latency.sumMicros()).append('\n');
            out.append("gssproxy4j_call_duration_microseconds_count").append(labels(key)).append(' ')
                    .append(s.latency.count()).append('\n');
        });
        Map<String, LongSupplier> gauges = stats.gauges();
        for (String base : new TreeSet<>(gauges.keySet().stream().map(StatsReport::baseName).toList())) {
            out.append("# TYPE ").append(base).append(base.endsWith("_total") ? " counter\n" : " gauge\n");
            gauges.forEach((name, value) -> {
                if (baseName(name).equals(base)) {
                    out.append(name).append(' ').append(value.getAsLong()).append('\n');
                }
            });
        }
        return out.toString();
    }

    private static String labels(CallStats.Key key) {
        return "{procedure=\"" + escape(key.procedure()) + "\",service=\"" + escape(key.service()) + "\"}";
    }

    private static String labels(CallStats.Key key, String name, String value) {
        return "{procedure=\"" + escape(key.procedure()) + "\",service=\"" + escape(key.service()) + "\"," + name
                + "=\"" + escape(value) + "\"}";
    }

    private static String baseName(String metric) {
        int brace = metric.indexOf('{');
        return brace < 0 ? metric : metric.substring(0, brace);
    }

    /** Label values as the exposition format wants them: backslash, double quote and newline escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
