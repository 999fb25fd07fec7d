package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_name}. Upstream ({@code gp_conv.c}) fills {@code display_name} (no NUL) with its
 * {@code name_type}, {@code exported_name} (RFC 2743 section 3.2 token {@code 04 01}, empty unless an MN) and
 * {@code exported_composite_name} (MIT {@code 04 02}, may be empty); attributes and extensions stay empty. Note
 * that the interposer sends some display names <em>with</em> a trailing NUL ({@code "host@localhost\0"} in
 * ACQUIRE_CRED) and others without: keep them verbatim and compare with {@link Opaque#textEquals}.
 */
public record GssxName(@WireField(Display.TEXT) Opaque displayName,
                       @WireField(Display.OID) Opaque nameType,
                       Opaque exportedName,
                       Opaque exportedCompositeName,
                       List<NameAttr> nameAttributes,
                       List<GssxOption> extensions) implements GssxStruct {

    /** The all-empty name upstream sends for src/targ names of a partial (CONTINUE_NEEDED) context. */
    public static final GssxName EMPTY = new GssxName(Opaque.EMPTY, Opaque.EMPTY, Opaque.EMPTY, Opaque.EMPTY,
            List.of(), List.of());

    public GssxName {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(nameType, "nameType");
        Objects.requireNonNull(exportedName, "exportedName");
        Objects.requireNonNull(exportedCompositeName, "exportedCompositeName");
        nameAttributes = List.copyOf(nameAttributes);
        extensions = List.copyOf(extensions);
    }

    /** A non-MN name as {@code gss_import_name} input: display text (no NUL) and name type. */
    public static GssxName of(String displayName, Opaque nameType) {
        return new GssxName(Opaque.utf8(displayName), nameType, Opaque.EMPTY, Opaque.EMPTY, List.of(), List.of());
    }

    /** The display name as text, without a trailing NUL. */
    public String displayText() {
        return displayName.toText();
    }

    public static GssxName decode(XdrReader reader) {
        return new GssxName(
                reader.readOpaque("display_name"),
                reader.readOpaque("name_type"),
                reader.readOpaque("exported_name"),
                reader.readOpaque("exported_composite_name"),
                reader.readArray("name_attributes", NameAttr::decode),
                GssxOption.decodeList(reader, "extensions"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeOpaque(displayName).writeOpaque(nameType).writeOpaque(exportedName)
                .writeOpaque(exportedCompositeName);
        GssxStruct.encodeList(writer, nameAttributes);
        GssxStruct.encodeList(writer, extensions);
    }
}
