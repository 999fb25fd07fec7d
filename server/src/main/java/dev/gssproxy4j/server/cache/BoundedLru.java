package dev.gssproxy4j.server.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

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
