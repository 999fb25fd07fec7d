package dev.gssproxy4j.server.fair;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Waiting items of many uids, one FIFO per uid, taken with the uids in turn: a uid with a long queue delays another
 * uid's item by one turn, not by its whole queue. Used for connections waiting for a worker and for GSS calls
 * waiting for a permit. Not thread-safe: the owner holds its lock around every call.
 *
 * @param <T> what waits
 */
public final class UidTurns<T> {

    private final Map<Integer, ArrayDeque<T>> byUid = new HashMap<>();
    /** Uids with something waiting, next turn first. */
    private final ArrayDeque<Integer> turns = new ArrayDeque<>();
    private int size;

    public void add(int uid, T item) {
        ArrayDeque<T> mine = byUid.computeIfAbsent(uid, u -> new ArrayDeque<>());
        if (mine.isEmpty()) {
            turns.addLast(uid);
        }
        mine.addLast(item);
        size++;
    }

    /** The oldest item of the uid whose turn it is (that uid then goes last); null if nothing waits. */
    public T next() {
        Integer uid = turns.pollFirst();
        if (uid == null) {
            return null;
        }
        ArrayDeque<T> mine = byUid.get(uid);
        T item = mine.pollFirst();
        if (mine.isEmpty()) {
            byUid.remove(uid);
        } else {
            turns.addLast(uid);
        }
        size--;
        return item;
    }

    /** Takes out the first item, in turn order, that {@code wanted} accepts; null if none does. */
    public T removeFirst(Predicate<T> wanted) {
        for (Integer uid : turns) {
            Iterator<T> items = byUid.get(uid).iterator();
            while (items.hasNext()) {
                T item = items.next();
                if (wanted.test(item)) {
                    items.remove();
                    dropIfEmpty(uid);
                    size--;
                    return item;
                }
            }
        }
        return null;
    }

    /** Takes {@code item} of {@code uid} out of the queue; false if it was not waiting. */
    public boolean remove(int uid, T item) {
        ArrayDeque<T> mine = byUid.get(uid);
        if (mine == null || !mine.remove(item)) {
            return false;
        }
        dropIfEmpty(uid);
        size--;
        return true;
    }

    /** Items waiting, all uids. */
    public int size() {
        return size;
    }

    /** Items of {@code uid} waiting. */
    public int size(int uid) {
        ArrayDeque<T> mine = byUid.get(uid);
        return mine == null ? 0 : mine.size();
    }

    private void dropIfEmpty(int uid) {
        if (byUid.get(uid).isEmpty()) {
            byUid.remove(uid);
            turns.remove(uid);
        }
    }
}
