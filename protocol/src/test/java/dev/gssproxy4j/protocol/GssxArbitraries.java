package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Arbitraries for every gssx record, built from its components by reflection so that a new field can never be
 * left out of the property tests. Lists hold at most two elements and opaques at most 13 bytes (odd lengths
 * exercise XDR padding), which keeps nested values small.
 */
public final class GssxArbitraries {

    /** Every gssx structure type, then every argument and result record of the 15 procedures. */
    public static final List<Class<? extends GssxStruct>> ALL_TYPES;

    static {
        List<Class<? extends GssxStruct>> types = new ArrayList<>(List.of(GssxOption.class, CallCtx.class,
                GssxStatus.class, MechAttr.class, MechInfo.class, NameAttr.class, GssxName.class, CredElement.class,
                GssxCred.class, GssxCtx.class, GssxHandle.class, GssxCb.class));
        for (Procedure procedure : Procedure.values()) {
            types.add(procedure.argType());
            types.add(procedure.resultType());
        }
        ALL_TYPES = List.copyOf(types);
    }

    private GssxArbitraries() {}

    public static Arbitrary<Opaque> opaques() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(13).map(Opaque::of);
    }

    @SuppressWarnings("unchecked")
    public static <T> Arbitrary<T> of(Class<T> type) {
        return (Arbitrary<T>) forType(type);
    }

    private static Arbitrary<?> forType(Type type) {
        if (type instanceof ParameterizedType generic) {
            Arbitrary<?> element = forType(generic.getActualTypeArguments()[0]);
            if (generic.getRawType() == Optional.class) {
                return element.optional();
            }
            if (generic.getRawType() == List.class) {
                return element.list().ofMaxSize(2);
            }
            throw new IllegalArgumentException("no arbitrary for " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == Opaque.class) {
            return opaques();
        }
        if (raw == long.class || raw == Long.class) {
            return Arbitraries.longs();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Arbitraries.of(true, false);
        }
        if (raw == CredUsage.class) {
            return Arbitraries.of(CredUsage.class);
        }
        if (raw == GssxHandle.class) {
            return Arbitraries.oneOf(
                    of(GssxCred.class).map(GssxHandle.Cred::new),
                    of(GssxCtx.class).map(GssxHandle.SecCtx::new),
                    Combinators.combine(Arbitraries.integers().filter(i -> i != 0 && i != 1), opaques())
                            .as(GssxHandle.Other::new));
        }
        if (raw.isRecord()) {
            return record(raw);
        }
        throw new IllegalArgumentException("no arbitrary for " + raw);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<?> record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<Arbitrary<Object>> parts = Stream.of(components)
                .map(c -> (Arbitrary<Object>) forType(c.getGenericType())).toList();
        Class<?>[] signature = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return Combinators.combine(parts).as(values -> {
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(signature);
                return constructor.newInstance(values.toArray());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
            }
        });
    }
}
