package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code struct gssx_mech_attr}: a mechanism attribute and its RFC 5587 {@code gss_display_mech_attr} texts. */
public record MechAttr(@WireField(Display.OID) Opaque attr,
                       @WireField(Display.TEXT) Opaque name,
                       @WireField(Display.TEXT) Opaque shortDesc,
                       @WireField(Display.TEXT) Opaque longDesc,
                       List<GssxOption> extensions) implements GssxStruct {

    public MechAttr {
        Objects.requireNonNull(attr, "attr");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shortDesc, "shortDesc");
        Objects.requireNonNull(longDesc, "longDesc");
        extensions = List.copyOf(extensions);
    }

    public static MechAttr decode(XdrReader reader) {
        return new MechAttr(reader.readOpaque("attr"), reader.readOpaque("name"), reader.readOpaque("short_desc"),
                reader.readOpaque("long_desc"), GssxOption.decodeList(reader, "extensions"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeOpaque(attr).writeOpaque(name).writeOpaque(shortDesc).writeOpaque(longDesc);
        GssxStruct.encodeList(writer, extensions);
    }
}
