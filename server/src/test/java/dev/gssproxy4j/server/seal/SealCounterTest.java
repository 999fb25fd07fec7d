package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealCounterTest {

    @Test
    void signalsAtTheBudgetThenEveryRetryInterval() {
        SealCounter counter = new SealCounter(3, 2);
        List<Integer> signals = new ArrayList<>();
        for (int seal = 1; seal <= 8; seal++) {
            if (counter.countAndCheck(42)) {
                signals.add(seal);
            }
        }
        assertEquals(List.of(3, 5, 7), signals);
    }

    @Test
    void countsEachKeySeparately() {
        SealCounter counter = new SealCounter(10, 10);
        counter.countAndCheck(1);
        counter.countAndCheck(1);
        counter.countAndCheck(2);
        assertEquals(2, counter.count(1));
        assertEquals(1, counter.count(2));
        assertEquals(0, counter.count(3));
    }
}
