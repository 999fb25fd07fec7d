package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MajorStatusTest {

    @Test
    void valuesMatchRfc2744() {
        assertEquals(0x000d0000L, MajorStatus.GSS_S_FAILURE.value());
        assertEquals(0x00010000L, MajorStatus.GSS_S_BAD_MECH.value());
        assertEquals(0x00130000L, MajorStatus.GSS_S_BAD_MECH_ATTR.value());
        assertEquals(0x03000000L, MajorStatus.GSS_S_CALL_BAD_STRUCTURE.value());
        assertEquals(1L, MajorStatus.GSS_S_CONTINUE_NEEDED.value());
        assertEquals(16L, MajorStatus.GSS_S_GAP_TOKEN.value());
    }

    @Test
    void splitsFieldsAndDescribesByName() {
        long major = MajorStatus.GSS_S_CALL_INACCESSIBLE_READ.value() | MajorStatus.GSS_S_NO_CRED.value()
                | MajorStatus.GSS_S_DUPLICATE_TOKEN.value();
        assertTrue(MajorStatus.isError(major));
        assertEquals(MajorStatus.GSS_S_NO_CRED, MajorStatus.primary(major));
        assertEquals(Set.of(MajorStatus.GSS_S_DUPLICATE_TOKEN), MajorStatus.supplementary(major));
        assertEquals("GSS_S_CALL_INACCESSIBLE_READ|GSS_S_NO_CRED|GSS_S_DUPLICATE_TOKEN", MajorStatus.describe(major));
    }

    @Test
    void supplementaryAloneIsNotAnError() {
        assertFalse(MajorStatus.isError(MajorStatus.GSS_S_CONTINUE_NEEDED.value()));
        assertFalse(MajorStatus.isError(MajorStatus.GSS_S_OLD_TOKEN.value()));
        assertEquals("GSS_S_COMPLETE", MajorStatus.describe(0));
    }

    @Test
    void unknownCodesStillPrintANameNotABareNumber() {
        assertEquals("GSS_S_UNKNOWN_ROUTINE_ERROR(42)", MajorStatus.describe(42L << 16));
    }

    @Test
    void undisplayableMinorIsLabelled() {
        GssStatus s = new GssStatus(MajorStatus.GSS_S_FAILURE.value(), 22, null, "Unspecified GSS failure", "");
        assertEquals("GSS_S_FAILURE (Unspecified GSS failure; minor: code 0x00000016, no text from"
                + " gss_display_status)", s.toString());
    }

    @Test
    void statusToStringNamesTheError() {
        GssStatus s = new GssStatus(MajorStatus.GSS_S_BAD_NAME.value(), 0, null, "An invalid name was supplied", "");
        assertEquals("GSS_S_BAD_NAME (An invalid name was supplied)", s.toString());
        assertEquals("gss_import_name failed: GSS_S_BAD_NAME (An invalid name was supplied)",
                new GssException("gss_import_name", s).getMessage());
    }
}
