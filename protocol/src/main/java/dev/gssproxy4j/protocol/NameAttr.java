package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code struct gssx_name_attr}: an RFC 6680 name attribute and its value (upstream never fills these). */
public record NameAttr(@WireField(Display.TEXT) Opaque attr,
                       Opaque value,
                       List<GssxOption> extensions) implements GssxStruct {

    public NameAttr {
        Objects.requireNonNull(attr, "attr");
        Objects.requireNonNull(value, "value");
        extensions = List.copyOf(extensions);
    }

    public static NameAttr decode(XdrReader reader) {
        return new NameAttr(reader.readOpaque("attr"), reader.readOpaque("value"),
                GssxOption.decodeList(reader, "extensions"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeOpaque(attr).writeOpaque(value);
        GssxStruct.encodeList(writer, extensions);
    }
}
