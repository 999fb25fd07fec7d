package dev.gssproxy4j.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.xdr.XdrDecodeException.Reason;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class XdrReaderTest {

    enum Color implements XdrEnum {
        RED(1), GREEN(2);

        private final int wireValue;

        Color(int wireValue) {
            this.wireValue = wireValue;
        }

        @Override
        public int wireValue() {
            return wireValue;
        }
    }

    private static XdrReader reader(String hex) {
        return new XdrReader(HexFormat.of().parseHex(hex), XdrLimits.DEFAULT);
    }

    @Test
    void readsEveryPrimitiveAsRfc4506LaysItOut() {
        XdrReader r = reader("fffffffe" + "ffffffff" + "0000000100000002" + "ffffffffffffffff" + "00000001"
                + "00000002" + "0102030000000000" + "00000003" + "61626300");
        assertEquals(-2, r.readInt("int"));
        assertEquals(0xffff_ffffL, r.readUnsignedInt("uint"));
        assertEquals(0x1_0000_0002L, r.readHyper("hyper"));
        assertEquals("18446744073709551615", Long.toUnsignedString(r.readHyper("uhyper")));
        assertTrue(r.readBool("bool"));
        assertEquals(Color.GREEN, r.readEnum("color", Color.class));
        assertArrayEquals(new byte[] {1, 2, 3}, r.readFixedOpaque("fixed", 3).toByteArray());
        assertEquals(0, r.readInt("after-padding"));
        assertEquals("abc", r.readOpaque("string").toText());
        r.expectEnd("message");
    }

    @Test
    void readsOptionalAndArrays() {
        XdrReader r = reader("00000001" + "00000007" + "00000000" + "00000002" + "00000001" + "00000002");
        assertEquals(7, r.readOptional("opt", x -> x.readInt("v")).orElseThrow());
        assertFalse(r.readOptional("none", x -> x.readInt("v")).isPresent());
        assertEquals(List.of(Color.RED, Color.GREEN), r.readArray("colors", x -> x.readEnum("c", Color.class)));
    }

    @Test
    void truncatedIntNamesFieldAndOffset() {
        XdrReader r = reader("000000");
        XdrDecodeException e = assertThrows(XdrDecodeException.class, () -> r.readInt("xid"));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(0, e.offset());
        assertEquals("xid", e.field());
    }

    @Test
    void opaqueLengthBeyondRemainingIsRefusedBeforeAllocation() {
        for (String length : List.of("7fffffff", "00000005")) {
            XdrReader r = new XdrReader(HexFormat.of().parseHex(length + "00000000"), new XdrLimits(Integer.MAX_VALUE, 10));
            XdrDecodeException e = assertThrows(XdrDecodeException.class, () -> r.readOpaque("token"));
            assertEquals(Reason.TRUNCATED, e.reason(), length);
        }
        XdrReader huge = new XdrReader(HexFormat.of().parseHex("ffffffff00000000"),
                new XdrLimits(Integer.MAX_VALUE, 10));
        assertEquals(Reason.OVER_CAP, assertThrows(XdrDecodeException.class, () -> huge.readOpaque("t")).reason());
    }

    @Test
    void opaqueOverTheCapIsRefused() {
        XdrReader r = new XdrReader(HexFormat.of().parseHex("00000005" + "0102030405000000"), new XdrLimits(4, 10));
        XdrDecodeException e = assertThrows(XdrDecodeException.class, () -> r.readOpaque("token"));
        assertEquals(Reason.OVER_CAP, e.reason());
        XdrReader max = reader("00000005" + "0102030405000000");
        assertEquals(Reason.OVER_CAP, assertThrows(XdrDecodeException.class, () -> max.readOpaque("t", 4)).reason());
    }

    @Test
    void arrayClaimingMillionsOfElementsIsRefused() {
        XdrReader overCap = reader("00989680");
        assertEquals(Reason.OVER_CAP,
                assertThrows(XdrDecodeException.class, () -> overCap.readArray("a", x -> x.readInt("e"))).reason());
        XdrReader overBytes = new XdrReader(HexFormat.of().parseHex("00000003" + "00000001"),
                XdrLimits.DEFAULT);
        assertEquals(Reason.TRUNCATED,
                assertThrows(XdrDecodeException.class, () -> overBytes.readArray("a", x -> x.readInt("e"))).reason());
    }

    @Test
    void badBoolAndEnumAreRefused() {
        assertEquals(Reason.BAD_BOOL, assertThrows(XdrDecodeException.class,
                () -> reader("00000002").readBool("ret_deleg_cred")).reason());
        assertEquals(Reason.BAD_ENUM, assertThrows(XdrDecodeException.class,
                () -> reader("00000007").readEnum("cred_usage", Color.class)).reason());
    }

    @Test
    void trailingBytesAreReported() {
        XdrReader r = reader("0000000100000002");
        r.readInt("one");
        XdrDecodeException e = assertThrows(XdrDecodeException.class, () -> r.expectEnd("args"));
        assertEquals(Reason.TRAILING_BYTES, e.reason());
        assertEquals(4, e.offset());
    }

    @Test
    void nestedStructNamesAppearInTheErrorPath() {
        XdrReader r = reader("00000001");
        XdrDecodeException e = assertThrows(XdrDecodeException.class,
                () -> r.struct("ctx", x -> x.readOptional("src_name", y -> y.readOpaque("display_name"))));
        assertEquals("ctx.src_name.display_name", e.field());
        assertEquals(4, e.offset());
    }
}
