package dev.gssproxy4j.xdr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class XdrRoundTripProperties {

    @Property(tries = 300)
    void primitivesRoundTrip(@ForAll int i, @ForAll long h, @ForAll boolean b, @ForAll byte[] bytes,
                             @ForAll @Size(max = 20) List<Integer> ints, @ForAll Optional<Long> opt) {
        XdrWriter w = new XdrWriter(1 << 20);
        w.writeInt(i).writeHyper(h).writeBool(b).writeOpaque(Opaque.of(bytes)).writeFixedOpaque(Opaque.of(bytes));
        w.writeArray(ints, XdrWriter::writeInt).writeOptional(opt, XdrWriter::writeHyper);
        byte[] encoded = w.toByteArray();
        assertEquals(0, encoded.length % 4, "XDR items are multiples of four bytes");

        XdrReader r = new XdrReader(encoded, XdrLimits.DEFAULT);
        assertEquals(i, r.readInt("i"));
        assertEquals(h, r.readHyper("h"));
        assertEquals(b, r.readBool("b"));
        assertEquals(Opaque.of(bytes), r.readOpaque("var"));
        assertEquals(Opaque.of(bytes), r.readFixedOpaque("fixed", bytes.length));
        assertEquals(ints, r.readArray("ints", x -> x.readInt("e")));
        assertEquals(opt, r.readOptional("opt", x -> x.readHyper("v")));
        r.expectEnd("message");
    }
}
