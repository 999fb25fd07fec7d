package dev.gssproxy4j.bench.fuzz;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time per procedure: where a run's time goes (the initiator's calls reach the KDC, imports of huge mutated
 * contexts allocate), so that the call budget of a CI run can be sized from it.
 */
final class CallTimes {

    private final Map<String, LongAdder[]> times = new ConcurrentHashMap<>();

    void add(String procedure, long nanos) {
        LongAdder[] entry = times.computeIfAbsent(procedure, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        entry[0].increment();
        entry[1].add(nanos);
    }

    /** {@code PROCEDURE: calls, mean ms}, most total time first. */
    List<String> describe() {
        return times.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder[]> e) -> e.getValue()[1].sum())
                        .reversed())
                .map(e -> String.format(java.util.Locale.ROOT, "%s %d calls, %.2f ms mean, %.1f s total",
                        e.getKey(), e.getValue()[0].sum(), e.getValue()[1].sum() / 1e6 / e.getValue()[0].sum(),
                        e.getValue()[1].sum() / 1e9))
                .toList();
    }
}
