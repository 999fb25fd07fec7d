package dev.gssproxy4j.server.convert;

import dev.gssproxy4j.mech.Oid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A krb5 mechanism name as MIT's {@code gss_export_name_composite} writes it: {@code 04 02}, the 2-byte length of
 * the mechanism OID's DER, that DER ({@code 06 09 <krb5>}), the 4-byte length of the principal string, the string
 * ({@code krb5_unparse_name}), the 4-byte length of the exported name attributes and the attributes. MIT's
 * {@code gss_export_name} writes the same with {@code 04 01} and without the attributes, and its
 * {@code gss_display_name} returns the same principal string, so one library call (and one krb5 context) gives
 * all three forms where three calls would take three (see {@code krb5/export_name.c}, {@code disp_name.c},
 * {@code naming_exts.c}).
 *
 * @param principal the unparsed principal, exactly as MIT wrote it
 * @param exported  the RFC 2743 exported name ({@code 04 01}) MIT would return for the same name
 */
record Krb5CompositeName(byte[] principal, byte[] exported) {

    /** MIT names the anonymous principal's display type {@code GSS_C_NT_ANONYMOUS}, not a principal name. */
    private static final byte[] ANONYMOUS = "WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KRB5 = Oid.KRB5.der();
    private static final int MECH_FIELD = 2 + KRB5.length; // 06 len oid

    /** The parts of {@code composite}, if it is exactly MIT's krb5 composite export of a principal that is not anonymous. */
    static Optional<Krb5CompositeName> parse(byte[] composite) {
        ByteBuffer in = ByteBuffer.wrap(composite);
        if (composite.length < 4 + MECH_FIELD + 8 || in.get() != 0x04 || in.get() != 0x02
                || Short.toUnsignedInt(in.getShort()) != MECH_FIELD || in.get() != 0x06
                || in.get() != KRB5.length) {
            return Optional.empty();
        }
        byte[] oid = new byte[KRB5.length];
        in.get(oid);
        if (!Arrays.equals(oid, KRB5)) {
            return Optional.empty();
        }
        long principalLength = Integer.toUnsignedLong(in.getInt());
        if (principalLength > in.remaining() - 4) {
            return Optional.empty();
        }
        byte[] principal = new byte[(int) principalLength];
        in.get(principal);
        if (Integer.toUnsignedLong(in.getInt()) != in.remaining() || Arrays.equals(principal, ANONYMOUS)) {
            return Optional.empty();
        }
        int exportedLength = 4 + MECH_FIELD + 4 + principal.length;
        byte[] exported = Arrays.copyOf(composite, exportedLength);
        exported[1] = 0x01;
        return Optional.of(new Krb5CompositeName(principal, exported));
    }

    /** The display string, decoded as {@link dev.gssproxy4j.mech.GssName#display()} decodes MIT's. */
    String displayText() {
        return new String(principal, StandardCharsets.UTF_8);
    }
}
