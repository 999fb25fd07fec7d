package dev.gssproxy4j.jgss.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gssproxy4j.jgss.gss.WireOids;
import java.util.HexFormat;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 2743 section 3.1 frames, as MIT writes them around krb5 tokens (a captured AP-REQ starts 60 82 02 ..). */
class GssHeaderTest {

    private static final HexFormat HEX = HexFormat.of();
    /** 06 09 2a 86 48 86 f7 12 01 02 02: the DER of 1.2.840.113554.1.2.2. */
    private static final String KRB5_DER = "06092a864886f712010202";

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 116, 117, 244, 245, 600, 70_000})
    void framingRoundTripsWithMinimalDerLengths(int innerLength) throws GSSException {
        byte[] inner = new byte[innerLength];
        if (innerLength > 0) {
            inner[innerLength - 1] = 0x01;
        }
        byte[] framed = GssHeader.frame(WireOids.KRB5, inner);

        int content = 11 + innerLength;
        String length = content < 0x80 ? String.format("%02x", content)
                : content <= 0xff ? "81" + String.format("%02x", content)
                : content <= 0xffff ? "82" + String.format("%04x", content) : "83" + String.format("%06x", content);
        assertEquals("60" + length + KRB5_DER, HEX.formatHex(framed, 0, 1 + length.length() / 2 + 11));
        assertArrayEquals(inner, GssHeader.unframe(WireOids.KRB5, framed));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "", "61" + "0b" + KRB5_DER, "60" + "0c" + KRB5_DER, "60" + "0a" + KRB5_DER,
        "60" + "0b" + "06092a864886f712010203", "60" + "85" + "0000000b" + KRB5_DER, "6080"})
    void anythingButOneFrameForKrb5IsADefectiveToken(String hex) {
        GSSException e = assertThrows(GSSException.class, () -> GssHeader.unframe(WireOids.KRB5, HEX.parseHex(hex)));
        assertEquals(GSSException.DEFECTIVE_TOKEN, e.getMajor());
    }
}
