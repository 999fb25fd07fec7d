package dev.gssproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GssStatusTextTest {

    @ParameterizedTest
    @CsvSource({
        "0, GSS_S_COMPLETE",
        "1, GSS_S_CONTINUE_NEEDED",
        "0x90000, GSS_S_DEFECTIVE_TOKEN",
        "0xd0000, GSS_S_FAILURE",
        "0x100000, GSS_S_UNAVAILABLE",
        "0x3000000, GSS_S_CALL_BAD_STRUCTURE",
        "0xd0002, GSS_S_FAILURE|GSS_S_DUPLICATE_TOKEN",
        "0x3f0000, routine error 63",
        "0x100000000, bits above 32: 0x1"})
    void majorNames(String major, String name) {
        assertEquals(name, GssStatusText.majorName(Long.decode(major)));
    }

    @Test
    void errorsAreCallingOrRoutineErrorsNotSupplementaryBits() {
        assertFalse(GssStatusText.isError(0));
        assertFalse(GssStatusText.isError(GssStatusText.CONTINUE_NEEDED));
        assertFalse(GssStatusText.isError(0x2));
        assertTrue(GssStatusText.isError(0x90000));
        assertTrue(GssStatusText.isError(0x1000000));
    }

    @Test
    void describeNamesMajorMechMinorAndTheServersStrings() {
        GssxStatus replay = GssxStatus.of(0xd0000, Oids.KRB5, 0x96c73a22L,
                "Unspecified GSS failure.  Minor code may provide more information", "Request is a replay");
        assertEquals("GSS_S_FAILURE (major 0xd0000), mech 1.2.840.113554.1.2.2 (krb5), minor 0x96c73a22: "
                + "\"Unspecified GSS failure.  Minor code may provide more information\" / \"Request is a replay\"",
                GssStatusText.describe(replay));
    }

    @Test
    void serverStringsAreSanitisedAndCapped() {
        String text = GssStatusText.describe(GssxStatus.of(0xd0000, Oids.KRB5, 1, "a\nb\u001b[31m", "x".repeat(1000)));
        assertTrue(text.contains("\"a?b?[31m\""), text);
        assertTrue(text.length() < 500, text);
    }
}
