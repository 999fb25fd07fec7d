package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.Opaque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Values seen in the seed calls and in the daemon's replies, for swapping into another call: a credential handle
 * of the initiator service sent to the acceptor, one context's token in another context, an AP-REP where an AP-REQ
 * belongs, a name from another call. Such cross-wiring reaches code that random bytes never reach, because every
 * swapped value is well-formed on its own.
 *
 * <p>Opaque values are kept by the field they came from ({@code exported_context_token}, {@code input_token}...);
 * structures ({@code GssxCtx}, {@code GssxCred}, {@code GssxName}, {@code GssxOption}...) by their type. The pool
 * is filled while the corpus is built and read-only afterwards ({@link #freeze()}), so that every mutant is a
 * function of the run's seed and its call number.
 */
final class Material {

    private final Map<String, LinkedHashSet<Opaque>> opaques = new LinkedHashMap<>();
    private final Map<Class<?>, LinkedHashSet<Object>> structs = new LinkedHashMap<>();
    private Map<String, List<Opaque>> frozenOpaques;
    private Map<Class<?>, List<Object>> frozenStructs;
    private List<Opaque> allOpaques;

    /** Adds every value in {@code root} (an argument or result record). */
    void harvest(GssxStruct root) {
        if (frozenOpaques != null) {
            throw new IllegalStateException("the material is frozen: harvest before the campaign starts");
        }
        structs.computeIfAbsent(root.getClass(), k -> new LinkedHashSet<>()).add(root);
        for (ArgTree.Slot slot : ArgTree.slots(root)) {
            switch (slot.value()) {
                case Opaque bytes when !bytes.isEmpty() ->
                        opaques.computeIfAbsent(slot.leaf(), k -> new LinkedHashSet<>()).add(bytes);
                case Record record -> structs.computeIfAbsent(record.getClass(), k -> new LinkedHashSet<>())
                        .add(record);
                default -> { }
            }
        }
    }

    /** Ends harvesting; picks are deterministic from here on. */
    Material freeze() {
        frozenOpaques = new LinkedHashMap<>();
        opaques.forEach((field, values) -> frozenOpaques.put(field, List.copyOf(values)));
        frozenStructs = new LinkedHashMap<>();
        structs.forEach((type, values) -> frozenStructs.put(type, List.copyOf(values)));
        List<Opaque> all = new ArrayList<>();
        frozenOpaques.values().forEach(all::addAll);
        allOpaques = List.copyOf(all);
        return this;
    }

    /** A value that came from a field named {@code field}, else from any field; empty if none was seen. */
    Optional<Opaque> opaque(String field, SplittableRandom random) {
        List<Opaque> same = frozen().getOrDefault(field, List.of());
        List<Opaque> from = same.isEmpty() || random.nextInt(4) == 0 ? allOpaques : same;
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(random.nextInt(from.size())));
    }

    /** A structure of exactly {@code type}; empty if none was seen. */
    <T> Optional<T> struct(Class<T> type, SplittableRandom random) {
        frozen();
        List<Object> values = frozenStructs.getOrDefault(type, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(type.cast(values.get(random.nextInt(values.size()))));
    }

    /** How many distinct values of each kind the pool holds, for the start-up report. */
    String describe() {
        frozen();
        int opaqueCount = allOpaques.size();
        int structCount = frozenStructs.values().stream().mapToInt(List::size).sum();
        return opaqueCount + " byte strings from " + frozenOpaques.size() + " fields, " + structCount
                + " structures of " + frozenStructs.size() + " types";
    }

    private Map<String, List<Opaque>> frozen() {
        if (frozenOpaques == null) {
            throw new IllegalStateException("freeze() the material before picking from it");
        }
        return frozenOpaques;
    }
}
