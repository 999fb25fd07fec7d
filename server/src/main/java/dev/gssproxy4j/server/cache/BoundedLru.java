package dev.gssproxy4j.server.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;

/**
 * The bound of the daemon's caches: a map of at most {@code capacity} entries, least recently used first out (a
 * lookup or a put makes an entry the most recent). Whatever leaves the map is handed back to the caller, which
 * releases what the values hold (native credentials, memory keytabs) outside its lock.
 *
 * <p>Not thread-safe: each cache guards its map with its own lock, because its compound steps (look up and lease,
 * look up and retain) must be atomic with the lookup.
 *
 * @param <K> the key
 * @param <V> the cached value
 */
final class BoundedLru<K, V> {

    private final int capacity;
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** @param what the cache's name, for the message when {@code capacity} is negative */
    BoundedLru(String what, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException(what + " capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** The value for {@code key}, now the most recently used; null if there is none. */
    V get(K key) {
        return entries.get(key);
    }

    /**
     * Maps {@code key} to {@code value} as the most recently used entry and evicts the least recently used ones
     * beyond the capacity (with capacity 0, {@code value} itself).
     *
     * @return the values that left the map: the one {@code value} replaced, if any, and the evicted ones, eldest
     *         first
     */
    List<V> put(K key, V value) {
        List<V> left = new ArrayList<>();
        V replaced = entries.put(key, value);
        if (replaced != null && replaced != value) {
            left.add(replaced);
        }
        evictBeyond(capacity, left);
        return left;
    }

    /** Whether {@code key} has an entry; does not make it the most recent. */
    boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    /**
     * Evicts the least recently used entries whose key is one of {@code which} until at most {@code keep} of them
     * remain (a cache's share for one kind of key, e.g. one caller's).
     *
     * @return the values that left the map, eldest first
     */
    List<V> evictBeyond(Predicate<? super K> which, int keep) {
        int matching = 0;
        for (K key : entries.keySet()) {
            matching += which.test(key) ? 1 : 0;
        }
        List<V> left = new ArrayList<>();
        Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
        while (matching > keep && eldest.hasNext()) {
            Map.Entry<K, V> next = eldest.next();
            if (which.test(next.getKey())) {
                left.add(next.getValue());
                eldest.remove();
                matching--;
            }
        }
        return left;
    }

    /** Removes the entry of {@code key}; returns its value, or null. */
    V remove(K key) {
        return entries.remove(key);
    }

    /** Empties the map; returns every value it held, least recently used first. */
    List<V> clear() {
        List<V> left = new ArrayList<>();
        evictBeyond(0, left);
        return left;
    }

    int size() {
        return entries.size();
    }

    private void evictBeyond(int limit, List<V> left) {
        Iterator<V> eldest = entries.values().iterator();
        while (entries.size() > limit && eldest.hasNext()) {
            left.add(eldest.next());
            eldest.remove();
        }
    }
}
