package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrSizeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Turns a call number into an input, deterministically from the run's seed: call {@code n} of two runs with the
 * same {@code --seed} and the same seeds picks the same seed call and the same mutations (the handles and tokens
 * inside differ, as the daemon and the realm make new ones each run, so saved records are the reproduction).
 *
 * <p>Shares, chosen for what each reaches: 5% seeds sent unchanged (the daemon must keep answering valid calls),
 * 60% structure-aware mutations ({@link StructureMutator}), 12% a context whose {@code exported_context_token} is
 * replaced by a mutated copy (the per-message calls import it), 23% byte-level mutations of the encoded record
 * ({@link RecordMutator}), a quarter of them on top of a structure mutation. Four in five picks use the calls made
 * for this realm, one in five the captured ones.
 */
final class MutantFactory {

    private static final String CONTEXT_TOKEN = "exported_context_token";

    private final List<Seed> own;
    private final List<Seed> captured;
    private final List<Seed.Call> calls;
    private final List<Seed.Call> withContexts;
    private final Map<Seed.Call, ArgTree.Slot> contextTokens = new IdentityHashMap<>();
    private final StructureMutator structure;
    private final long runSeed;

    MutantFactory(List<Seed> seeds, Material material, long runSeed) {
        this.own = seeds.stream().filter(s -> !s.name().startsWith("wire/")).toList();
        this.captured = seeds.stream().filter(s -> s.name().startsWith("wire/")).toList();
        this.calls = seeds.stream().filter(Seed.Call.class::isInstance).map(Seed.Call.class::cast).toList();
        calls.forEach(c -> contextToken(c.args()).ifPresent(slot -> contextTokens.put(c, slot)));
        this.withContexts = calls.stream().filter(contextTokens::containsKey).toList();
        if (own.isEmpty() || calls.isEmpty()) {
            throw new IllegalArgumentException("the fuzzer needs at least one decodable seed call");
        }
        this.structure = new StructureMutator(material);
        this.runSeed = runSeed;
    }

    Mutant mutant(long index) {
        return plan(index).mutant();
    }

    /**
     * For a call whose mutation made several changes, one mutant per change, each applied alone to the seed: the
     * triage replays them to tell which change a crash needs. Empty for every other call.
     */
    List<Mutant> singleChanges(long index) {
        Plan plan = plan(index);
        if (plan.call() == null || plan.mutation() == null || plan.mutation().edits().size() < 2) {
            return List.of();
        }
        List<Mutant> singles = new ArrayList<>();
        for (StructureMutator.Edit edit : plan.mutation().edits()) {
            try {
                GssxArg args = ArgTree.replace(plan.call().args(), edit.path(), edit.value());
                encoded(index, plan.call(), args, edit.field(), edit.field() + ": " + edit.what())
                        .ifPresent(singles::add);
            } catch (RuntimeException e) {
                // A later change's position may not exist without the earlier changes: nothing to try alone.
            }
        }
        return singles;
    }

    /** What call {@code index} is: the mutant, and for structure mutations the seed and the changes made. */
    private record Plan(Mutant mutant, Seed.Call call, StructureMutator.Mutation mutation) {
    }

    private Plan plan(long index) {
        SplittableRandom random = new SplittableRandom(runSeed * 0x9E37_79B9_7F4A_7C15L + index);
        int xid = (int) index;
        int strategy = random.nextInt(100);
        Seed seed = pickSeed(random);
        if (!(seed instanceof Seed.Call call)) {
            return new Plan(bytes(index, seed, seed.record(xid), Optional.empty(), "raw", random), null, null);
        }
        if (strategy < 5) {
            return new Plan(encoded(index, call, call.args(), "seed", "seed").orElseThrow(), call, null);
        }
        if (strategy < 65) {
            StructureMutator.Mutation mutation = structure.mutate(call.args(), random);
            Mutant mutant = encoded(index, call, mutation.args(), mutation.field(), mutation.describe())
                    .orElseGet(() -> encoded(index, call, call.args(), "seed", "seed (mutant too large)")
                            .orElseThrow());
            return new Plan(mutant, call, mutation);
        }
        if (strategy < 77 && !withContexts.isEmpty()) {
            Seed.Call target = withContexts.get(random.nextInt(withContexts.size()));
            return new Plan(contextToken(index, target, random), target, null);
        }
        StructureMutator.Mutation first = random.nextInt(4) == 0 ? structure.mutate(call.args(), random)
                : new StructureMutator.Mutation(call.args(), List.of());
        byte[] record = encode(xid, call.procedure(), first.args()).orElseGet(() -> call.record(xid));
        String base = first.edits().isEmpty() ? "seed" : first.describe();
        return new Plan(bytes(index, call, record, Optional.of(call.procedure()), base, random), call, null);
    }

    /** A context the daemon returned, with its token replaced by a mutated copy. */
    private Mutant contextToken(long index, Seed.Call call, SplittableRandom random) {
        ArgTree.Slot slot = contextTokens.get(call);
        Change change = structure.opaque(slot, (Opaque) slot.value(), random);
        GssxArg args = ArgTree.replace(call.args(), slot.path(), change.value());
        return encoded(index, call, args, slot.withoutIndexes(), "ctx-token: " + change.what())
                .orElseGet(() -> encoded(index, call, call.args(), "seed", "seed (mutant too large)").orElseThrow());
    }

    private Optional<Mutant> encoded(long index, Seed.Call call, GssxArg args, String field, String what) {
        String procedure = call.procedure().name();
        return encode((int) index, call.procedure(), args).map(record -> new Mutant(index, call.target(),
                call.name(), Optional.of(call.procedure()), procedure + " " + field, procedure + " " + what, record,
                true, false));
    }

    private static Mutant bytes(long index, Seed seed, byte[] record, Optional<Procedure> procedure, String base,
                                SplittableRandom random) {
        RecordMutator.Result result = RecordMutator.mutate(record, random);
        String name = procedure.map(Procedure::name).orElse(seed.name());
        return new Mutant(index, seed.target(), seed.name(), procedureIn(result.record()).or(() -> procedure),
                name + " bytes:" + result.what(), name + " bytes(" + base + "): " + result.what(), result.record(),
                false, !RecordMutator.framingIntact(result.record()));
    }

    private static Optional<byte[]> encode(int xid, Procedure procedure, GssxArg args) {
        try {
            return Optional.of(GssProxyMessages.encodeCall(xid, procedure, args, Seed.MAX_MUTANT_RECORD));
        } catch (XdrSizeException e) {
            return Optional.empty();
        }
    }

    /** The procedure the header of {@code record} names (word 6 after the mark), if it is one of ours. */
    static Optional<Procedure> procedureIn(byte[] record) {
        return record.length >= 28 ? Procedure.fromWire(ByteBuffer.wrap(record, 24, 4).getInt()) : Optional.empty();
    }

    private Seed pickSeed(SplittableRandom random) {
        List<Seed> from = captured.isEmpty() || random.nextInt(5) != 0 ? own : captured;
        return from.get(random.nextInt(from.size()));
    }

    private static Optional<ArgTree.Slot> contextToken(GssxArg args) {
        List<ArgTree.Slot> tokens = new ArrayList<>();
        for (ArgTree.Slot slot : ArgTree.slots(args)) {
            if (slot.leaf().equals(CONTEXT_TOKEN) && slot.label().startsWith("context_handle")) {
                tokens.add(slot);
            }
        }
        return tokens.stream().findFirst();
    }
}
