package dev.gssproxy4j.bench.fuzz;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last calls sent, in the order they were sent, across all connections: after a crash whose culprit cannot be
 * replayed alone (heap corruption that surfaces a few calls later), these are what reproduces it.
 */
final class RecentCalls {

    private final ArrayDeque<Mutant> calls;
    private final int capacity;

    RecentCalls(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.calls = new ArrayDeque<>(this.capacity);
    }

    synchronized void add(Mutant mutant) {
        if (calls.size() == capacity) {
            calls.removeFirst();
        }
        calls.addLast(mutant);
    }

    synchronized List<Mutant> snapshot() {
        return List.copyOf(calls);
    }
}
