package dev.gssproxy4j.bench.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The calls a death or a memory blow-up may be blamed on: the call each connection has in flight, and the last
 * calls sent across all connections, in the order they were sent (heap corruption may surface a few calls after
 * the one that caused it, and memory that is kept grows after the reply).
 */
final class CallLog {

    private final AtomicReferenceArray<Mutant> inflight;
    private final ArrayDeque<Mutant> recent;
    private final int capacity;

    CallLog(int connections, int keepRecent) {
        this.inflight = new AtomicReferenceArray<>(connections);
        this.capacity = Math.max(1, keepRecent);
        this.recent = new ArrayDeque<>(capacity);
    }

    /** Connection {@code slot} sends {@code mutant}. */
    void sending(int slot, Mutant mutant) {
        inflight.set(slot, mutant);
        sent(mutant);
    }

    /** Connection {@code slot}'s call is settled. */
    void settled(int slot) {
        inflight.set(slot, null);
    }

    /** A call sent outside the connections (a refinement replay), remembered among the recent ones. */
    synchronized void sent(Mutant mutant) {
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(mutant);
    }

    /** The calls in flight now, oldest first. */
    List<Mutant> inflight() {
        List<Mutant> flying = new ArrayList<>();
        for (int i = 0; i < inflight.length(); i++) {
            Optional.ofNullable(inflight.get(i)).ifPresent(flying::add);
        }
        flying.sort(Comparator.comparingLong(Mutant::index));
        return flying;
    }

    /** The last calls sent, oldest first. */
    synchronized List<Mutant> recent() {
        return List.copyOf(recent);
    }

    /** The calls in flight, then up to {@code more} of the last ones sent before them, newest first. */
    List<Mutant> suspects(int more) {
        List<Mutant> flying = inflight();
        List<Mutant> candidates = new ArrayList<>(flying);
        recent().reversed().stream().filter(m -> !flying.contains(m)).limit(more).forEach(candidates::add);
        return candidates;
    }
}
