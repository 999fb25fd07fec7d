package dev.gssproxy4j.jgss.gss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.Test;

/** RFC 2743 section 3.2 exported names, byte for byte as MIT writes them for krb5. */
class ExportedNamesTest {

    private static final String ALICE = "alice@EXAMPLE.TEST";
    /** What MIT's gss_export_name gives for alice@EXAMPLE.TEST (shared/wire accept/05's input name). */
    private static final String MIT_TOKEN = "0401000b06092a864886f712010202" + "00000012"
            + HexFormat.of().formatHex(ALICE.getBytes(StandardCharsets.US_ASCII));

    @Test
    void aKrb5TokenIsTheHeaderTheOidAndThePrincipal() throws GSSException {
        byte[] token = ExportedNames.token(WireOids.KRB5, ALICE.getBytes(StandardCharsets.UTF_8));
        assertEquals(MIT_TOKEN, HexFormat.of().formatHex(token));
        assertArrayEquals(ALICE.getBytes(StandardCharsets.UTF_8), ExportedNames.mechName(token, WireOids.KRB5));
    }

    @Test
    void truncatedPaddedOrForeignTokensAreBadNames() {
        byte[] token = HexFormat.of().parseHex(MIT_TOKEN);
        for (byte[] bad : new byte[][] {
            Arrays.copyOf(token, token.length - 1),
            Arrays.copyOf(token, token.length + 1),
            Arrays.copyOf(token, 10),
            ExportedNames.token(WireOids.SPNEGO, ALICE.getBytes(StandardCharsets.UTF_8))}) {
            GSSException e = assertThrows(GSSException.class, () -> ExportedNames.mechName(bad, WireOids.KRB5));
            assertEquals(GSSException.BAD_NAME, e.getMajor());
        }
    }
}
