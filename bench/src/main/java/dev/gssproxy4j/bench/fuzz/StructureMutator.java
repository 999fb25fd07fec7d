package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.xdr.Opaque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Structure-aware mutation of decoded call arguments: picks one to three positions of the argument tree
 * ({@link ArgTree}) and replaces each with a value chosen for its type and role — an OID mutation for a
 * {@code gssx_OID}, a header mutation for an exported name token, a boundary integer for a {@code hyper}, a
 * flipped boolean, a list emptied, grown or given another call's element, an optional made absent or present,
 * a whole handle, context or name from another call. The result is re-encoded by the protocol codec, so it is a
 * well-formed record whose contents are hostile, which is what reaches the handlers and MIT.
 */
final class StructureMutator {

    /** Fields that hold OIDs although the record component is not annotated as one. */
    private static final Set<String> OID_FIELDS = Set.of("mech", "name_type", "mech_type", "desired_mech");
    /** Largest list a "many elements" mutation builds, in encoded bytes (well under the 1 MiB record limit). */
    private static final int MANY_BYTES = 256 * 1024;

    private final Material material;
    private final BytesMutator bytes;

    StructureMutator(Material material) {
        this.material = material;
        this.bytes = new BytesMutator(material);
    }

    /**
     * One change made: the value put at {@code path}.
     *
     * @param field the position without list indexes, e.g. {@code options[].value}
     * @param what  the kind of change, e.g. {@code oid-2a86}
     */
    record Edit(List<ArgTree.Step> path, Object value, String field, String what) {
    }

    /** Mutated arguments and the changes made, in order (none if every attempted change was refused). */
    record Mutation(GssxArg args, List<Edit> edits) {

        /** The first field changed ({@code input_name.name_type}), or {@code (unchanged)}. */
        String field() {
            return edits.isEmpty() ? "(unchanged)" : edits.getFirst().field();
        }

        /** {@code field: what} for each change, joined with {@code +}. */
        String describe() {
            return edits.isEmpty() ? "(unchanged)"
                    : String.join(" + ", edits.stream().map(e -> e.field() + ": " + e.what()).toList());
        }
    }

    Mutation mutate(GssxArg args, SplittableRandom random) {
        int count = random.nextInt(5) == 0 ? 2 + random.nextInt(2) : 1;
        GssxArg current = args;
        List<Edit> edits = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            List<ArgTree.Slot> slots = ArgTree.slots(current);
            ArgTree.Slot slot = slots.get(random.nextInt(slots.size()));
            Optional<Change> change = change(slot, random);
            if (change.isPresent()) {
                try {
                    current = ArgTree.replace(current, slot.path(), change.get().value());
                    edits.add(new Edit(slot.path(), change.get().value(), slot.withoutIndexes(), change.get().what()));
                } catch (IllegalArgumentException refused) {
                    // A record's constructor refused the value (e.g. an Other handle arm given a known type).
                }
            }
        }
        return new Mutation(current, List.copyOf(edits));
    }

    /** A new value for {@code slot}, or empty if nothing fits (an absent optional with no material to fill it). */
    Optional<Change> change(ArgTree.Slot slot, SplittableRandom random) {
        return switch (slot.value()) {
            case Opaque value -> Optional.of(opaque(slot, value, random));
            case Long value -> Optional.of(NumberMutator.mutate(value, random));
            case Boolean value -> Optional.of(new Change(!value, "bool-flip"));
            case Enum<?> value -> Optional.of(otherConstant(value, random));
            case List<?> list -> list(slot, list, random);
            case Optional<?> optional -> optional(slot, optional, random);
            case GssxHandle handle -> Optional.of(handle(random));
            case Record record -> material.struct(record.getClass(), random)
                    .map(other -> new Change(other, "swap-" + record.getClass().getSimpleName()));
            default -> Optional.empty();
        };
    }

    /** A mutation of bytes, by the role of the field that holds them. */
    Change opaque(ArgTree.Slot slot, Opaque value, SplittableRandom random) {
        String field = slot.leaf();
        boolean specific = random.nextInt(5) < 3;
        if (specific && (slot.oid() || OID_FIELDS.contains(field))) {
            return OidMutator.mutate(value, random);
        }
        if (specific && NameTokenMutator.looksLikeToken(value)) {
            return NameTokenMutator.mutate(value, random);
        }
        if (specific && field.equals("display_name")) {
            return TextMutator.displayName(random);
        }
        if (specific && field.equals("option")) {
            return TextMutator.optionName(random);
        }
        if (specific && field.equals("value")) {
            return TextMutator.optionValue(random);
        }
        return bytes.mutate(value, field, random);
    }

    private Optional<Change> list(ArgTree.Slot slot, List<?> list, SplittableRandom random) {
        List<Object> changed = new ArrayList<>(list);
        int pick = random.nextInt(6);
        if (pick == 0 || (list.isEmpty() && pick < 3)) {
            Optional<Object> added = element(slot, list, random);
            added.ifPresent(changed::add);
            return added.map(x -> new Change(changed, "list-add-from-other-call"));
        }
        return switch (pick) {
            case 1 -> {
                changed.remove(random.nextInt(changed.size()));
                yield Optional.of(new Change(changed, "list-drop"));
            }
            case 2 -> {
                changed.add(random.nextInt(changed.size() + 1), changed.get(random.nextInt(changed.size())));
                yield Optional.of(new Change(changed, "list-duplicate"));
            }
            case 3 -> Optional.of(new Change(List.of(), "list-empty"));
            case 4 -> many(slot, list, random);
            default -> slot.elementType() == GssxOption.class
                    ? Optional.of(new Change(withKnownOption(changed, random), "list-add-known-option"))
                    : Optional.of(new Change(List.of(), "list-empty"));
        };
    }

    /** The list with one element repeated 17 to 4096 times, as long as it stays under {@link #MANY_BYTES}. */
    private Optional<Change> many(ArgTree.Slot slot, List<?> list, SplittableRandom random) {
        Optional<Object> element = list.isEmpty() ? element(slot, list, random)
                : Optional.of(list.get(random.nextInt(list.size())));
        return element.map(value -> {
            int size = Math.max(8, encodedSize(value));
            int count = Math.max(2, Math.min(new int[] {17, 256, 4096}[random.nextInt(3)], MANY_BYTES / size));
            List<Object> repeated = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                repeated.add(value);
            }
            return new Change(repeated, "list-many");
        });
    }

    private List<Object> withKnownOption(List<Object> options, SplittableRandom random) {
        Opaque name = (Opaque) TextMutator.optionName(random).value();
        Opaque value = (Opaque) TextMutator.optionValue(random).value();
        options.add(random.nextInt(options.size() + 1), new GssxOption(name, value));
        return options;
    }

    private Optional<Change> optional(ArgTree.Slot slot, Optional<?> optional, SplittableRandom random) {
        if (optional.isPresent()) {
            return Optional.of(new Change(Optional.empty(), "absent"));
        }
        return fill(slot.elementType(), slot.leaf(), random).map(value -> new Change(Optional.of(value),
                "present-from-other-call"));
    }

    /** A new element for a list: material of the declared element type, or of the type already in it. */
    private Optional<Object> element(ArgTree.Slot slot, List<?> list, SplittableRandom random) {
        Class<?> type = slot.elementType() != Object.class ? slot.elementType()
                : list.isEmpty() ? Object.class : list.getFirst().getClass();
        return fill(type, slot.leaf(), random);
    }

    private Optional<Object> fill(Class<?> type, String field, SplittableRandom random) {
        if (type == Opaque.class) {
            return material.opaque(field, random).map(Object.class::cast);
        }
        return type == Object.class ? Optional.empty() : material.struct(type, random).map(Object.class::cast);
    }

    /** Another arm of the RELEASE_HANDLE union: a credential, a context, or an unknown discriminant. */
    private Change handle(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> material.struct(GssxCred.class, random).<Change>map(cred -> new Change(
                    new GssxHandle.Cred(cred), "handle-arm-cred")).orElseGet(() -> otherArm(random));
            case 1 -> material.struct(GssxCtx.class, random).<Change>map(ctx -> new Change(
                    new GssxHandle.SecCtx(ctx), "handle-arm-ctx")).orElseGet(() -> otherArm(random));
            default -> otherArm(random);
        };
    }

    private static Change otherArm(SplittableRandom random) {
        int type = new int[] {2, 3, -1, Integer.MAX_VALUE}[random.nextInt(4)];
        return new Change(new GssxHandle.Other(type, Opaque.of(BytesMutator.randomBytes(random,
                random.nextInt(64)))), "handle-arm-unknown");
    }

    private static Change otherConstant(Enum<?> value, SplittableRandom random) {
        Object[] constants = value.getDeclaringClass().getEnumConstants();
        Object other = constants[random.nextInt(constants.length)];
        return new Change(other, "enum=" + other);
    }

    private static int encodedSize(Object value) {
        return switch (value) {
            case Opaque bytes -> 4 + bytes.length();
            case GssxStruct struct -> struct.toXdr().length();
            default -> 8;
        };
    }
}
