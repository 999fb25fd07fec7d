package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrEncoder;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Optional;

/**
 * A {@code gss_proxy.x} structure that can encode itself. Every implementation is a record whose components are
 * declared in wire order (the dumper relies on it to compute field offsets), with a static
 * {@code decode(XdrReader)} next to {@link #encode}.
 */
public interface GssxStruct {

    /** Largest XDR blob {@link #toXdr()} builds: upstream's MAX_RPC_SIZE. */
    int MAX_BLOB = 1 << 20;

    void encode(XdrWriter writer);

    /**
     * This value's XDR bytes, for values that travel inside another field: the {@code sync_creds} option carries
     * an XDR {@code gssx_cred}, and the interposer stores one in the user's ccache.
     */
    default Opaque toXdr() {
        XdrWriter writer = new XdrWriter(MAX_BLOB);
        encode(writer);
        return Opaque.of(writer.toByteArray());
    }

    /** The encoder of any struct, for {@link XdrWriter#writeArray} and {@link XdrWriter#writeOptional}. */
    static <T extends GssxStruct> XdrEncoder<T> encoder() {
        return (writer, value) -> value.encode(writer);
    }

    static <T extends GssxStruct> void encodeList(XdrWriter writer, List<T> values) {
        writer.writeArray(values, encoder());
    }

    static <T extends GssxStruct> void encodeOptional(XdrWriter writer, Optional<T> value) {
        writer.writeOptional(value, encoder());
    }
}
