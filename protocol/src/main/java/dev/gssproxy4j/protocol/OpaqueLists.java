package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;

/**
 * Codec of {@code gssx_OID_set} and {@code gssx_buffer<>}: variable-length arrays of opaques. An empty OID set
 * means GSS_C_NO_OID_SET ({@code gss_proxy.x} uses empty rather than optional for OIDs and OID sets).
 */
public final class OpaqueLists {

    private OpaqueLists() {}

    public static List<Opaque> decode(XdrReader reader, String field) {
        return reader.readArray(field, element -> element.readOpaque("value"));
    }

    public static void encode(XdrWriter writer, List<Opaque> values) {
        writer.writeArray(values, XdrWriter::writeOpaque);
    }
}
