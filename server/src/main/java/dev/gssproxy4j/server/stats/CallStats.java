package dev.gssproxy4j.server.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters of every call since the daemon started, per procedure and service: calls, failures by major status
 * and the latency of the whole call (decode to encoded reply). Bounded: at most {@link #MAX_SERIES} procedure and
 * service pairs (services come from root's configuration; renames on reload add pairs); calls beyond that count
 * under the service name {@value #OTHER}. Thread-safe and lock-free on the call path.
 */
public final class CallStats {

    static final int MAX_SERIES = 1024;
    static final String OTHER = "(other)";
    /** Calls that matched no service are counted under this service name. */
    public static final String UNAUTHORIZED = "(no service)";

    /** One procedure of one service. */
    record Key(String procedure, String service) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byProcedure = procedure.compareTo(other.procedure);
            return byProcedure != 0 ? byProcedure : service.compareTo(other.service);
        }
    }

    static final class Series {
        final LatencyHistogram latency = new LatencyHistogram();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    }

    private final long startedMillis;
    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    public CallStats(long startedMillis) {
        this.startedMillis = startedMillis;
    }

    /**
     * Records one call.
     *
     * @param major the name of the result's primary error, or {@code GSS_S_COMPLETE} when it has none (a
     *              continue-needed result included); any other name counts as a failure
     */
    public void record(String procedure, String service, String major, long nanos) {
        Series s = series(procedure, service);
        s.latency.record(nanos);
        if (!major.equals("GSS_S_COMPLETE")) {
            s.failures.computeIfAbsent(major, m -> new LongAdder()).increment();
        }
    }

    /**
     * Publishes a value read when the report is made, e.g. {@code connections_open} or
     * {@code cache_hits{cache="acceptor_credentials"}} (a name with Prometheus labels).
     */
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    long startedMillis() {
        return startedMillis;
    }

    Map<Key, Series> snapshot() {
        return new TreeMap<>(series);
    }

    Map<String, LongSupplier> gauges() {
        return new TreeMap<>(gauges);
    }

    private Series series(String procedure, String service) {
        Key key = new Key(procedure, service);
        Series s = series.get(key);
        if (s != null) {
            return s;
        }
        if (series.size() >= MAX_SERIES) {
            key = new Key(procedure, OTHER);
        }
        return series.computeIfAbsent(key, k -> new Series());
    }
}
