package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.WireField;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The arguments of a call seen as a tree of positions that a mutator may replace: every record component, list
 * element and present optional, down to the leaves ({@code Opaque}, {@code long}, {@code boolean}, enums).
 *
 * <p>Why reflection: every {@code gss_proxy.x} type is a record whose components are declared in wire order and
 * whose canonical constructor checks its invariants. Walking the components generically gives one mutator for all
 * 15 argument types, and a new field in the protocol module is fuzzed without touching this package. Values are
 * rebuilt through the canonical constructors, so a mutant always re-encodes with the project's own codec.
 */
final class ArgTree {

    /** Matches list indexes in labels, e.g. the {@code [3]} of {@code options[3].value}. */
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private ArgTree() {
    }

    /**
     * What reflection says about one record class, computed once: reading generic types and annotations parses
     * class-file attributes on every call, which would otherwise cost more than sending the call.
     */
    private record Shape(String[] names, Class<?>[] types, Class<?>[] elementTypes, boolean[] oids,
                         MethodHandle[] accessors, MethodHandle constructor) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            int n = components.length;
            String[] names = new String[n];
            Class<?>[] types = new Class<?>[n];
            Class<?>[] elements = new Class<?>[n];
            boolean[] oids = new boolean[n];
            MethodHandle[] accessors = new MethodHandle[n];
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                for (int i = 0; i < n; i++) {
                    names[i] = snake(components[i].getName());
                    types[i] = components[i].getType();
                    elements[i] = elementType(components[i].getGenericType());
                    oids[i] = isOid(components[i]);
                    accessors[i] = lookup.unreflect(components[i].getAccessor());
                }
                MethodHandle constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types));
                return new Shape(names, types, elements, oids, accessors, constructor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot reflect on " + type.getName(), e);
            }
        }
    }

    /** One step from a value to a part of it. */
    sealed interface Step permits Component, Element, Present {}

    /** The {@code index}-th component of a record. */
    record Component(int index) implements Step {}

    /** The {@code index}-th element of a list. */
    record Element(int index) implements Step {}

    /** The value inside a present optional. */
    record Present() implements Step {}

    /**
     * A position in the tree.
     *
     * @param path        how to reach it from the root
     * @param label       its {@code gss_proxy.x} path, e.g. {@code context_handle.src_name.exported_name}
     * @param type        the declared type (for a union arm such as {@code GssxHandle}: the arm's record)
     * @param elementType for lists and optionals, the element type; else {@code Object}
     * @param oid         whether the bytes are a {@code gssx_OID} (or a list of them)
     * @param value       what is there now
     */
    record Slot(List<Step> path, String label, Class<?> type, Class<?> elementType, boolean oid, Object value) {

        /** The last part of the label, e.g. {@code exported_name}, which names the kind of bytes held. */
        String leaf() {
            String plain = withoutIndexes();
            return plain.substring(plain.lastIndexOf('.') + 1);
        }

        /** The label with list indexes emptied ({@code options[].value}), the same for every element. */
        String withoutIndexes() {
            return label.indexOf('[') < 0 ? label : INDEX.matcher(label).replaceAll("[]");
        }
    }

    /** Every position under {@code root} (the root itself excluded), in wire order. */
    static List<Slot> slots(GssxStruct root) {
        List<Slot> slots = new ArrayList<>();
        walkRecord((Record) root, List.of(), "", slots);
        return slots;
    }

    /** A copy of {@code root} with {@code value} at {@code path}. */
    @SuppressWarnings("unchecked")
    static <T> T replace(T root, List<Step> path, Object value) {
        if (path.isEmpty()) {
            return (T) value;
        }
        Step step = path.getFirst();
        List<Step> rest = path.subList(1, path.size());
        return (T) switch (step) {
            case Component c -> withComponent((Record) root, c.index(),
                    replace(read((Record) root, c.index()), rest, value));
            case Element e -> {
                List<Object> copy = new ArrayList<>((List<?>) root);
                copy.set(e.index(), replace(copy.get(e.index()), rest, value));
                yield copy;
            }
            case Present p -> Optional.of(replace(((Optional<?>) root).orElseThrow(), rest, value));
        };
    }

    /** The snake_case form of a Java component name, which is its {@code gss_proxy.x} name. */
    static String snake(String javaName) {
        StringBuilder snake = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(javaName.charAt(i - 1))) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }

    private static void walkRecord(Record record, List<Step> path, String label, List<Slot> slots) {
        Shape shape = SHAPES.get(record.getClass());
        for (int i = 0; i < shape.names().length; i++) {
            List<Step> here = append(path, new Component(i));
            String name = label.isEmpty() ? shape.names()[i] : label + "." + shape.names()[i];
            Object value = read(record, i);
            boolean oid = shape.oids()[i];
            Class<?> type = value instanceof Record && !shape.types()[i].isRecord() ? value.getClass()
                    : shape.types()[i];
            slots.add(new Slot(here, name, type, shape.elementTypes()[i], oid, value));
            walkValue(value, here, name, oid, shape.elementTypes()[i], slots);
        }
    }

    private static void walkValue(Object value, List<Step> path, String label, boolean oid, Class<?> elementType,
                                  List<Slot> slots) {
        switch (value) {
            case Record record -> walkRecord(record, path, label, slots);
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    List<Step> here = append(path, new Element(i));
                    Object element = list.get(i);
                    String name = label + "[" + i + "]";
                    slots.add(new Slot(here, name, element.getClass(), Object.class, oid, element));
                    walkValue(element, here, name, oid, Object.class, slots);
                }
            }
            case Optional<?> optional when optional.isPresent() -> {
                List<Step> here = append(path, new Present());
                Object inner = optional.get();
                Class<?> type = elementType == Object.class ? inner.getClass() : elementType;
                slots.add(new Slot(here, label, type, Object.class, oid, inner));
                walkValue(inner, here, label, oid, Object.class, slots);
            }
            default -> { }
        }
    }

    private static boolean isOid(RecordComponent component) {
        WireField field = component.getAnnotation(WireField.class);
        return field != null && field.value() == Display.OID;
    }

    private static Class<?> elementType(Type generic) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return Object.class;
    }

    private static Object read(Record record, int index) {
        try {
            return SHAPES.get(record.getClass()).accessors()[index].invoke(record);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read component " + index + " of "
                    + record.getClass().getSimpleName(), e);
        }
    }

    private static Record withComponent(Record record, int index, Object value) {
        Shape shape = SHAPES.get(record.getClass());
        Object[] values = new Object[shape.names().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = i == index ? value : read(record, i);
        }
        try {
            return (Record) shape.constructor().invokeWithArguments(values);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException(record.getClass().getSimpleName() + " refused the value for "
                    + shape.names()[index] + ": " + e, e);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName(), e);
        }
    }

    private static List<Step> append(List<Step> path, Step step) {
        List<Step> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }
}
