package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.NameTokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each input class that made MIT abort, crash, read out of bounds or misread a name (issue: hostile callers) is
 * refused by {@link InputChecks} with the GSS status a library would give; well-formed inputs pass, and MIT imports
 * them.
 */
class InputChecksTest {

    private static final byte[] ALICE = "alice@EXAMPLE.TEST".getBytes(StandardCharsets.UTF_8);

    @Test
    void anExportedNameWithOneTrailingByteIsBadName() {
        // MIT 1.20: krb5_gss_import_name asserts cp == end and aborts the process.
        byte[] token = exportedName(Oid.KRB5, ALICE, new byte[] {'X'});
        GssException e = assertThrows(GssException.class, () -> InputChecks.nameValue(token, Oid.NT_EXPORT_NAME));
        assertEquals(MajorStatus.GSS_S_BAD_NAME, e.majorStatus());
        assertTrue(e.status().minorMessage().contains("1 bytes follow the name"), e.status().minorMessage());
        assertEquals("An invalid name was supplied", e.status().majorMessage());
    }

    @Test
    void aWellFormedExportedNameIsImportedByTheLibrary() {
        byte[] token = exportedName(Oid.KRB5, ALICE, new byte[0]);
        assertDoesNotThrow(() -> InputChecks.nameValue(token, Oid.NT_EXPORT_NAME));
        try (GssName name = Gss.get().importName(token, Oid.NT_EXPORT_NAME)) {
            assertEquals("alice@EXAMPLE.TEST", name.display().text());
        }
    }

    @Test
    void everyTruncationOfAnExportedNameIsRefusedWithoutException() {
        byte[] token = exportedName(Oid.KRB5, ALICE, new byte[0]);
        for (int length = 0; length < token.length; length++) {
            byte[] cut = Arrays.copyOf(token, length);
            GssException e = assertThrows(GssException.class, () -> InputChecks.nameValue(cut, Oid.NT_EXPORT_NAME));
            assertEquals(MajorStatus.GSS_S_BAD_NAME, e.majorStatus(), "length " + length);
        }
    }

    @Test
    void aNameLengthThatWrapsOrOverrunsIsBadName() {
        byte[] token = exportedName(Oid.KRB5, ALICE, new byte[0]);
        ByteBuffer.wrap(token).putInt(4 + 11, 0xfffffff0);
        assertEquals(MajorStatus.GSS_S_BAD_NAME, assertThrows(GssException.class,
                () -> InputChecks.nameValue(token, Oid.NT_EXPORT_NAME)).majorStatus());
    }

    @Test
    void exportedNamesOfOtherMechanismsAreBadMech() {
        // MIT 1.20's mechglue parses SPNEGO export tokens itself with a length check that wraps at 32 bits.
        byte[] token = exportedName(Oid.SPNEGO, ALICE, new byte[0]);
        assertEquals(MajorStatus.GSS_S_BAD_MECH, assertThrows(GssException.class,
                () -> InputChecks.nameValue(token, Oid.NT_EXPORT_NAME)).majorStatus());
    }

    @Test
    void aNulInsideAnExportedNameIsBadName() {
        byte[] token = exportedName(Oid.KRB5, "alice\0@EVIL.ORG".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertEquals(MajorStatus.GSS_S_BAD_NAME, assertThrows(GssException.class,
                () -> InputChecks.nameValue(token, Oid.NT_EXPORT_NAME)).majorStatus());
    }

    @Test
    void compositeNamesWithAttributesAreRefusedAndWithoutAttributesPass() {
        byte[] plain = exportedName(Oid.KRB5, ALICE, new byte[] {0, 0, 0, 0});
        plain[1] = 0x02;
        assertDoesNotThrow(() -> InputChecks.nameValue(plain, Oid.NT_COMPOSITE_EXPORT));
        byte[] attributed = exportedName(Oid.KRB5, ALICE, new byte[] {0, 0, 0, 2, 1, 1});
        attributed[1] = 0x02;
        GssException e = assertThrows(GssException.class,
                () -> InputChecks.nameValue(attributed, Oid.NT_COMPOSITE_EXPORT));
        assertEquals(MajorStatus.GSS_S_BAD_NAME, e.majorStatus());
        assertTrue(e.status().minorMessage().contains("attributes"), e.status().minorMessage());
        assertEquals(MajorStatus.GSS_S_BAD_NAME, assertThrows(GssException.class,
                () -> InputChecks.nameValue(plain, Oid.NT_EXPORT_NAME)).majorStatus(), "04 02 is not an export name");
    }

    @Test
    void nameTypesOutsideTheAllowListAreBadNametype() {
        // GSS_KRB5_NT_PRINCIPAL: MIT reads the 8 value bytes as a krb5_principal pointer.
        Oid pointerType = Oid.fromDotted("1.2.840.113554.1.2.2.2");
        assertEquals(MajorStatus.GSS_S_BAD_NAMETYPE, assertThrows(GssException.class,
                () -> InputChecks.nameValue(new byte[8], pointerType)).majorStatus());
        assertEquals(MajorStatus.GSS_S_BAD_NAMETYPE, assertThrows(GssException.class,
                () -> Gss.get().importName(new byte[8], pointerType)).majorStatus(), "the binding checks too");
    }

    @Test
    void uidNamesMustHaveTheirExactForm() {
        assertDoesNotThrow(() -> InputChecks.nameValue(new byte[4], Oid.NT_MACHINE_UID_NAME));
        assertThrows(GssException.class, () -> InputChecks.nameValue(new byte[1], Oid.NT_MACHINE_UID_NAME));
        assertDoesNotThrow(() -> InputChecks.nameValue("1000".getBytes(StandardCharsets.US_ASCII),
                Oid.NT_STRING_UID_NAME));
        // MIT's atoi would make "abc" uid 0, root.
        assertThrows(GssException.class, () -> InputChecks.nameValue("abc".getBytes(StandardCharsets.US_ASCII),
                Oid.NT_STRING_UID_NAME));
    }

    @Test
    void aNulInATextNameIsBadName() {
        byte[] value = "alice\0@EVIL.ORG".getBytes(StandardCharsets.UTF_8);
        assertEquals(MajorStatus.GSS_S_BAD_NAME, assertThrows(GssException.class,
                () -> InputChecks.nameValue(value, Oid.NT_USER_NAME)).majorStatus());
        assertEquals(MajorStatus.GSS_S_BAD_NAME, assertThrows(GssException.class,
                () -> InputChecks.nameValue(value, null)).majorStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2a86", "2a8680", "2a80ff01", "80"})
    void malformedOidsAreRefusedWithTheGivenStatus(String hex) {
        GssException e = assertThrows(GssException.class, () -> InputChecks.oid(HexFormat.of().parseHex(hex),
                "name_type", MajorStatus.GSS_S_BAD_NAME));
        assertEquals(MajorStatus.GSS_S_BAD_NAME, e.majorStatus());
        assertTrue(e.status().minorMessage().startsWith("name_type is not a valid OID"), e.status().minorMessage());
    }

    @Test
    void anOversizedOidIsRefusedAndAValidOneParses() {
        byte[] huge = new byte[InputChecks.MAX_OID_BYTES + 1];
        Arrays.fill(huge, (byte) 1);
        assertThrows(GssException.class, () -> InputChecks.oid(huge, "mech", MajorStatus.GSS_S_BAD_MECH));
        assertEquals(Oid.KRB5, InputChecks.oid(Oid.KRB5.der(), "mech", MajorStatus.GSS_S_BAD_MECH));
    }

    @Test
    void addressTypesMustFitThirtyTwoBits() {
        assertEquals(-1, InputChecks.addressType(0xffffffffL, "initiator_addrtype"));
        assertEquals(MajorStatus.GSS_S_BAD_BINDINGS, assertThrows(GssException.class,
                () -> InputChecks.addressType(1L << 32, "initiator_addrtype")).majorStatus());
        assertThrows(GssException.class, () -> InputChecks.addressType(-1, "acceptor_addrtype"));
    }

    /** {@code 04 01}, the DER of {@code mech}, the name with its length, then {@code tail}. */
    static byte[] exportedName(Oid mech, byte[] name, byte[] tail) {
        return NameTokens.exported(mech.der(), name, tail);
    }
}
