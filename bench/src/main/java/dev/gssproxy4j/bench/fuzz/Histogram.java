package dev.gssproxy4j.bench.fuzz;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of outcomes by label, safe to update from every connection's thread. */
final class Histogram {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String label) {
        counts.computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    /** The counts, largest first (then by label, so equal runs print alike). */
    List<Map.Entry<String, Long>> sorted() {
        return counts.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }
}
