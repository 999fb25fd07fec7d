package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class OidTest {

    @Test
    void krb5MechEncodesAsRfc1964Says() {
        // RFC 1964 section 1: {iso(1) member-body(2) US(840) mit(113554) infosys(1) gssapi(2) krb5(2)}
        assertArrayEquals(HexFormat.of().parseHex("2a864886f712010202"), Oid.KRB5.der());
        assertEquals("1.2.840.113554.1.2.2", Oid.KRB5.toDotted());
    }

    @Test
    void valueEqualityAndDefensiveCopies() {
        byte[] der = Oid.KRB5.der();
        Oid copy = new Oid(der);
        der[0] = 0;
        assertEquals(Oid.KRB5, copy);
        assertEquals(Oid.KRB5.hashCode(), copy.hashCode());
        copy.der()[0] = 0;
        assertEquals(Oid.KRB5, copy);
        assertNotEquals(Oid.KRB5, Oid.SPNEGO);
    }

    @Test
    void firstArcTwoAllowsLargeSecondArc() {
        Oid oid = Oid.fromDotted("2.999.3");
        assertArrayEquals(new byte[] {(byte) 0x88, 0x37, 0x03}, oid.der());
        assertEquals("2.999.3", oid.toDotted());
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> Oid.fromDotted("1"));
        assertThrows(IllegalArgumentException.class, () -> Oid.fromDotted("1..2"));
        assertThrows(IllegalArgumentException.class, () -> Oid.fromDotted("1.40.1"));
        assertThrows(IllegalArgumentException.class, () -> Oid.fromDotted("3.1"));
        assertThrows(IllegalArgumentException.class, () -> Oid.fromDotted("1.2.-3"));
        assertThrows(IllegalArgumentException.class, () -> new Oid(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Oid(new byte[] {0x2a, (byte) 0x86}));
    }

    @Property
    void dottedRoundTrips(@ForAll @IntRange(min = 0, max = 2) int first, @ForAll @IntRange(max = 39) int second,
                          @ForAll @Size(max = 8) java.util.List<@LongRange(min = 0) Long> rest) {
        StringBuilder dotted = new StringBuilder().append(first).append('.').append(second);
        rest.forEach(arc -> dotted.append('.').append(arc));
        Oid oid = Oid.fromDotted(dotted.toString());
        assertEquals(dotted.toString(), oid.toDotted());
        assertEquals(oid, new Oid(oid.der()));
    }

    @Test
    void aHugeArcIsPrintedAsItsSizeNotItsDigits() {
        byte[] der = new byte[65536];
        der[0] = 0x2a;
        java.util.Arrays.fill(der, 1, der.length - 1, (byte) 0x81);
        der[der.length - 1] = 0x01;
        assertEquals("1.2.{65535-byte arc}", new Oid(der).toDotted());
    }
}
