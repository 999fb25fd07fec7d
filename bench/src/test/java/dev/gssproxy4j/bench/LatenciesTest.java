package dev.gssproxy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentilesOfOneToThousand() {
        long[] sorted = LongStream.rangeClosed(1, 1000).toArray();
        assertEquals(500, Latencies.percentile(sorted, 50));
        assertEquals(990, Latencies.percentile(sorted, 99));
        assertEquals(999, Latencies.percentile(sorted, 99.9));
        assertEquals(1000, Latencies.percentile(sorted, 100));
        assertEquals(1, Latencies.percentile(sorted, 0.01));
    }

    @Test
    void smallSamplesUseTheHighestRankNeeded() {
        long[] sorted = {10, 20, 30};
        assertEquals(20, Latencies.percentile(sorted, 50));
        assertEquals(30, Latencies.percentile(sorted, 99));
        assertEquals(30, Latencies.percentile(sorted, 99.9));
    }

    @Test
    void refusesEmptySamplesAndPercentilesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 100.5));
    }

    @Test
    void mergesRecordersOfSeveralWorkersIntoMicroseconds() {
        Latencies a = new Latencies(1);
        Latencies b = new Latencies(1);
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).add(i * 1000L); // 1..100 µs, interleaved over two workers, past initial capacity
        }
        Latencies.Summary summary = Latencies.merge(List.of(a, b));
        assertEquals(100, summary.count());
        assertEquals(50.0, summary.p50Micros());
        assertEquals(99.0, summary.p99Micros());
        assertEquals(100.0, summary.p999Micros());
        assertEquals(100.0, summary.maxMicros());
        assertEquals(50.5, summary.meanMicros(), 1e-9);
    }

    @Test
    void summaryOfNothingIsNaN() {
        Latencies.Summary summary = Latencies.merge(List.of(new Latencies(4)));
        assertEquals(0, summary.count());
        assertTrue(Double.isNaN(summary.p50Micros()));
    }

    @Test
    void medianOfOddAndEvenCountsSkippingNaN() {
        assertEquals(3.0, Latencies.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, Latencies.median(List.of(4.0, 1.0, Double.NaN, 2.0, 3.0)));
        assertTrue(Double.isNaN(Latencies.median(List.of())));
    }

    @Property(tries = 200)
    void percentileIsASampleWithAtLeastThatShareAtOrBelowIt(@ForAll @Size(min = 1, max = 300) List<Long> values,
                                                             @ForAll @DoubleRange(min = 0.01, max = 100) double p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        long q = Latencies.percentile(sorted, p);
        long atOrBelow = Arrays.stream(sorted).filter(v -> v <= q).count();
        long below = Arrays.stream(sorted).filter(v -> v < q).count();
        assertTrue(new ArrayList<>(values).contains(q));
        assertTrue(atOrBelow >= Math.ceil(p / 100 * sorted.length - 1e-9), "at least p% at or below");
        assertTrue(below < Math.ceil(p / 100 * sorted.length - 1e-9) || below == 0, "the smallest such sample");
    }
}
