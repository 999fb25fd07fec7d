package dev.gssproxy4j.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLruTest {

    @Test
    void holdsAtMostItsCapacityAndHandsBackTheEldest() {
        BoundedLru<String, Integer> lru = new BoundedLru<>("test", 2);
        assertEquals(List.of(), lru.put("a", 1));
        assertEquals(List.of(), lru.put("b", 2));
        assertEquals(List.of(1), lru.put("c", 3));
        assertEquals(2, lru.size());
        assertNull(lru.get("a"));
        assertEquals(2, lru.get("b"));
        assertEquals(3, lru.get("c"));
    }

    @Test
    void aShareEvictsOnlyTheMatchingKeysEldestFirst() {
        BoundedLru<String, Integer> lru = new BoundedLru<>("test", 8);
        lru.put("x1", 1);
        lru.put("y1", 2);
        lru.put("x2", 3);
        lru.put("x3", 4);
        assertEquals(List.of(1, 3), lru.evictBeyond(k -> k.startsWith("x"), 1));
        assertEquals(2, lru.size());
        assertEquals(2, lru.get("y1"));
        assertEquals(4, lru.get("x3"));
        assertEquals(List.of(), lru.evictBeyond(k -> k.startsWith("x"), 1), "within the share: nothing leaves");
    }

    @Test
    void aLookupMakesAnEntryTheMostRecent() {
        BoundedLru<String, Integer> lru = new BoundedLru<>("test", 2);
        lru.put("a", 1);
        lru.put("b", 2);
        assertEquals(1, lru.get("a"));
        assertEquals(List.of(2), lru.put("c", 3), "b was used least recently");
        assertEquals(1, lru.get("a"));
    }

    @Test
    void aReplacedValueLeavesTheMapAndTheKeyBecomesTheMostRecent() {
        BoundedLru<String, Integer> lru = new BoundedLru<>("test", 2);
        lru.put("a", 1);
        lru.put("b", 2);
        assertEquals(List.of(1), lru.put("a", 10));
        assertEquals(List.of(2), lru.put("c", 3));
        assertEquals(10, lru.get("a"));
    }

    @Test
    void capacityZeroKeepsNothing() {
        BoundedLru<String, Integer> lru = new BoundedLru<>("test", 0);
        assertEquals(List.of(1), lru.put("a", 1));
        assertEquals(0, lru.size());
    }

    @Test
    void removeAndClearHandBackWhatTheyTake() {
        BoundedLru<String, Integer> lru = new BoundedLru<>("test", 3);
        lru.put("a", 1);
        lru.put("b", 2);
        lru.put("c", 3);
        assertEquals(2, lru.remove("b"));
        assertNull(lru.remove("b"));
        lru.get("a");
        assertEquals(List.of(3, 1), lru.clear(), "least recently used first");
        assertEquals(0, lru.size());
    }

    @Test
    void aNegativeCapacityIsRefusedWithTheCachesName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BoundedLru<>("CredCache", -1));
        assertEquals("CredCache capacity must be >= 0, got -1", e.getMessage());
    }
}
