package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gssproxy4j.xdr.Opaque;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OidsTest {

    @Test
    void krb5IsTheDerContentOctetsSeenOnTheWire() {
        // accept/02 reply at 36: mech = <9> 2a864886f712010202
        assertEquals("2a864886f712010202", Oids.KRB5.toHex());
        assertEquals("1.2.840.113554.1.2.2", Oids.toDotted(Oids.KRB5));
        assertEquals("2a864886f71201020101", Oids.NT_USER_NAME.toHex());
        assertEquals("2b0601050502", Oids.SPNEGO.toHex());
        assertEquals("6086480186f84203080f01", Oids.GSSPROXY_INTERPOSER.toHex());
    }

    @Test
    void wellKnownOidsHaveNames() {
        assertEquals(Optional.of("krb5"), Oids.name(Oids.KRB5));
        assertEquals(Optional.of("IAKERB"), Oids.name(Oids.fromDotted("1.3.6.1.5.2.5")));
        assertEquals("1.3.6.1.5.6.2 (GSS_C_NT_HOSTBASED_SERVICE_X)", Oids.describe(Oids.NT_HOSTBASED_SERVICE_X));
        assertEquals("1.3.6.1.5.5.13.27 (GSS_C_MA_CTX_TRANS)", Oids.describe(Oids.fromDotted("1.3.6.1.5.5.13.27")));
        assertEquals("(empty)", Oids.describe(Opaque.EMPTY));
        assertEquals("1.2.3", Oids.describe(Oids.fromDotted("1.2.3")));
    }

    @Test
    void largeArcsAndTheTopArcTwoAreEncoded() {
        assertEquals("2.999.3", Oids.toDotted(Oids.fromDotted("2.999.3")));
        assertEquals("883703", Oids.fromDotted("2.999.3").toHex()); // X.690 8.19.5 example
        assertEquals("1.2.18446744073709551616", Oids.toDotted(Oids.fromDotted("1.2.18446744073709551616")));
    }

    @Test
    void invalidInputIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> Oids.fromDotted("1"));
        assertThrows(IllegalArgumentException.class, () -> Oids.fromDotted("3.1"));
        assertThrows(IllegalArgumentException.class, () -> Oids.fromDotted("1.40"));
        assertThrows(IllegalArgumentException.class, () -> Oids.fromDotted("1.2.x"));
        assertThrows(IllegalArgumentException.class, () -> Oids.toDotted(Opaque.of(HexFormat.of().parseHex("2a86"))));
        assertThrows(IllegalArgumentException.class, () -> Oids.toDotted(Opaque.of(HexFormat.of().parseHex("2a8001"))));
        assertEquals("invalid OID 2a86 (OID ends inside a subidentifier)",
                Oids.describe(Opaque.of(HexFormat.of().parseHex("2a86"))));
    }

    @Provide
    Arbitrary<String> dotted() {
        return Arbitraries.integers().between(0, 2).flatMap(first -> Arbitraries.longs().between(0, first == 2
                        ? Long.MAX_VALUE / 2 : 39)
                .flatMap(second -> Arbitraries.longs().greaterOrEqual(0).list().ofMaxSize(8)
                        .map(rest -> first + "." + second + rest.stream().map(arc -> "." + arc)
                                .reduce("", String::concat))));
    }

    @Property(tries = 200)
    void dottedFormRoundTrips(@ForAll("dotted") String dotted) {
        assertEquals(dotted, Oids.toDotted(Oids.fromDotted(dotted)));
    }
}
