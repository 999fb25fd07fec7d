package dev.gssproxy4j.protocol.dump;

import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.HandleType;
import dev.gssproxy4j.protocol.WireField;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrEnum;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Prints a decoded gssx value by walking its record components, and computes each field's offset from the XDR
 * sizes of the fields before it. That works because every gssx record declares its components in wire order and
 * every component type has a fixed XDR shape: {@code long} = hyper (8), {@code boolean}/enum/{@code int} = 4,
 * {@link Opaque} = length + padded bytes, {@link Optional} = discriminant + value, {@link List} = count + elements,
 * {@link GssxHandle} = discriminant + arm. A test checks the computed size against the encoder for every type.
 */
final class ValueDump {

    private final DumpLines out;
    private final boolean showSecrets;
    private int offset;

    /** @param out where to print, or null to only compute sizes */
    ValueDump(DumpLines out, int offset, boolean showSecrets) {
        this.out = out;
        this.offset = offset;
        this.showSecrets = showSecrets;
    }

    /** The XDR size of {@code value} as the walker computes it. */
    static int sizeOf(GssxStruct value) {
        ValueDump walker = new ValueDump(null, 0, false);
        walker.field("value", Display.DEFAULT, value, 0);
        return walker.offset;
    }

    /** Prints a top-level struct under {@code label}; returns the offset after it. */
    int print(String label, GssxStruct value) {
        line(0, label + " {");
        components((Record) value, 1);
        line(0, "}");
        return offset;
    }

    private void components(Record value, int depth) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            if (value instanceof GssxHandle.Other && component.getName().equals("handleType")) {
                continue; // printed as the union discriminant
            }
            WireField meta = component.getAnnotation(WireField.class);
            String name = meta != null && !meta.name().isEmpty() ? meta.name() : snakeCase(component.getName());
            field(name, meta == null ? Display.DEFAULT : meta.value(), read(component, value), depth);
        }
    }

    private void field(String name, Display display, Object value, int depth) {
        switch (value) {
            case GssxHandle handle -> {
                String type = HandleType.fromWire(handle.handleType()).map(HandleType::xdrName).orElse("(default arm)");
                leaf(depth, "handle_type = " + handle.handleType() + " " + type, 4);
                components((Record) handle, depth);
            }
            case Record record -> {
                line(depth, name + " {");
                components(record, depth + 1);
                line(depth, "}");
            }
            case Optional<?> optional when optional.isEmpty() -> leaf(depth, name + " = absent (0)", 4);
            case Optional<?> optional -> {
                leaf(depth, name + ": present (1)", 4);
                field(name, display, optional.get(), depth + 1);
            }
            case List<?> list when list.isEmpty() -> leaf(depth, name + "<0> = []", 4);
            case List<?> list -> {
                leaf(depth, name + "<" + list.size() + ">", 4);
                for (int i = 0; i < list.size(); i++) {
                    field("[" + i + "]", display, list.get(i), depth + 1);
                }
            }
            case Opaque opaque -> leaf(depth, name + " = " + WireText.opaque(opaque, display, showSecrets),
                    4 + ((opaque.length() + 3) & ~3));
            case Long number -> leaf(depth, name + " = " + WireText.number(number, display), 8);
            case Boolean bool -> leaf(depth, name + " = " + bool, 4);
            case CredUsage usage -> leaf(depth, name + " = " + usage.wireValue() + " " + usage.xdrName(), 4);
            case XdrEnum constant -> leaf(depth, name + " = " + constant.wireValue() + " " + constant, 4);
            case Integer number -> leaf(depth, name + " = " + number, 4);
            default -> throw new IllegalStateException("no XDR shape for " + value.getClass().getName());
        }
    }

    private void leaf(int depth, String text, int size) {
        line(depth, text);
        offset += size;
    }

    private void line(int depth, String text) {
        if (out != null) {
            out.line(offset, depth, text);
        }
    }

    private static Object read(RecordComponent component, Record value) {
        try {
            return component.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** {@code exportedContextToken} to {@code exported_context_token}, the {@code gss_proxy.x} spelling. */
    static String snakeCase(String javaName) {
        StringBuilder name = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('_').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
