package dev.gssproxy4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.InputChecks;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The checks that stand between callers and MIT's parsers ({@link InputChecks}): they may only accept or refuse
 * with a {@link GssException} carrying a routine error and a reason; and what they accept must have the shape MIT
 * relies on (no native code runs here, so a miss shows as a broken invariant, not as a crash).
 */
class MechFuzzTest {

    /** Name types a caller can name: every one the checks know, none (default), and some they do not. */
    private static final Oid[] TYPES = {null, Oid.NT_USER_NAME, Oid.NT_MACHINE_UID_NAME, Oid.NT_STRING_UID_NAME,
            Oid.NT_HOSTBASED_SERVICE, Oid.NT_HOSTBASED_SERVICE_X, Oid.NT_ANONYMOUS, Oid.NT_EXPORT_NAME,
            Oid.NT_COMPOSITE_EXPORT, Oid.KRB5_NT_PRINCIPAL_NAME, Oid.KRB5_NT_ENTERPRISE_NAME,
            Oid.fromDotted("1.2.840.113554.1.2.2.2"), Oid.KRB5, Oid.fromDotted("1.2.3.4")};

    /** Input: byte 0 picks the name type from {@link #TYPES}, the rest is the name's value. */
    @FuzzTest
    void nameValue(byte[] input) {
        if (input.length < 1) {
            return;
        }
        Oid type = TYPES[(input[0] & 0xff) % TYPES.length];
        byte[] value = Arrays.copyOfRange(input, 1, input.length);
        try {
            InputChecks.nameValue(value, type);
        } catch (GssException e) {
            assertRefusal(e);
            return;
        }
        if (Oid.NT_EXPORT_NAME.equals(type) || Oid.NT_COMPOSITE_EXPORT.equals(type)) {
            assertWellFormedToken(value, Oid.NT_COMPOSITE_EXPORT.equals(type));
        } else if (Oid.NT_MACHINE_UID_NAME.equals(type)) {
            assertEquals(4, value.length);
        } else {
            for (byte b : value) {
                assertTrue(b != 0, "an accepted name holds no NUL");
            }
        }
    }

    /** Input: the DER content of an OID a caller sends. */
    @FuzzTest
    void oid(byte[] der) {
        Oid oid;
        try {
            oid = InputChecks.oid(der, "mech", MajorStatus.GSS_S_BAD_MECH);
        } catch (GssException e) {
            assertRefusal(e);
            return;
        }
        assertArrayEquals(der, oid.der());
        assertTrue(der.length <= InputChecks.MAX_OID_BYTES);
        assertEquals(oid, Oid.fromDotted(oid.toDotted()), "an accepted OID prints and parses back");
    }

    /** Input: OID content as MIT might return it; printing it must stay cheap and total. */
    @FuzzTest
    void toDotted(byte[] der) {
        Oid oid;
        try {
            oid = new Oid(der);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertFalse(oid.toDotted().isEmpty());
    }

    private static void assertRefusal(GssException e) {
        assertTrue(MajorStatus.isError(e.major()), "a refusal is an error status");
        assertFalse(e.status().minorMessage().isEmpty(), "a refusal says why");
    }

    /** RFC 2743 section 3.2 (and MIT's composite form with no attributes), exactly to the end, krb5 only. */
    private static void assertWellFormedToken(byte[] token, boolean composite) {
        ByteBuffer in = ByteBuffer.wrap(token);
        assertEquals(composite ? 0x0402 : 0x0401, in.getShort());
        int mechLength = Short.toUnsignedInt(in.getShort());
        byte[] mech = new byte[mechLength];
        in.get(mech);
        byte[] krb5 = Oid.KRB5.der();
        assertEquals(krb5.length + 2, mechLength);
        assertArrayEquals(krb5, Arrays.copyOfRange(mech, 2, mech.length));
        int nameLength = in.getInt();
        byte[] name = new byte[nameLength];
        in.get(name);
        for (byte b : name) {
            assertTrue(b != 0, "an accepted exported name holds no NUL");
        }
        if (composite) {
            assertEquals(0, in.getInt(), "no attributes");
        }
        assertFalse(in.hasRemaining(), "nothing after the name");
    }
}
