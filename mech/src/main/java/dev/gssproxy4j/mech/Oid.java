package dev.gssproxy4j.mech;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An object identifier as GSS-API carries it: the DER content octets, without tag and length (RFC 2744 section 3.7,
 * {@code gss_OID_desc.elements}; also the encoding of {@code gssx_OID}). Value equality, immutable.
 *
 * <p>The constants below are the values MIT krb5 exports as data symbols ({@code gss_mech_krb5},
 * {@code GSS_C_NT_HOSTBASED_SERVICE}, ...); {@link Gss#libraryOid(String)} reads those symbols and the tests check
 * that both agree.
 *
 * @param der the content octets (copied in and out)
 */
public record Oid(byte[] der) {

    /** The Kerberos V5 mechanism (RFC 1964), {@code gss_mech_krb5}. */
    public static final Oid KRB5 = fromDotted("1.2.840.113554.1.2.2");
    /** Pre-RFC krb5 mechanism OID, {@code gss_mech_krb5_old}. */
    public static final Oid KRB5_OLD = fromDotted("1.3.5.1.5.2");
    /** Microsoft's mis-encoded krb5 OID, {@code gss_mech_krb5_wrong}. */
    public static final Oid KRB5_WRONG = fromDotted("1.2.840.48018.1.2.2");
    /** IAKERB, {@code gss_mech_iakerb}. */
    public static final Oid IAKERB = fromDotted("1.3.6.1.5.2.5");
    /** SPNEGO (RFC 4178). */
    public static final Oid SPNEGO = fromDotted("1.3.6.1.5.5.2");

    /** RFC 2744 section 4.1, {@code GSS_C_NT_USER_NAME}. */
    public static final Oid NT_USER_NAME = fromDotted("1.2.840.113554.1.2.1.1");
    /** {@code GSS_C_NT_MACHINE_UID_NAME}: a uid in host byte order. */
    public static final Oid NT_MACHINE_UID_NAME = fromDotted("1.2.840.113554.1.2.1.2");
    /** {@code GSS_C_NT_STRING_UID_NAME}: a uid as decimal text. */
    public static final Oid NT_STRING_UID_NAME = fromDotted("1.2.840.113554.1.2.1.3");
    /** {@code GSS_C_NT_HOSTBASED_SERVICE} ({@code service@host}). */
    public static final Oid NT_HOSTBASED_SERVICE = fromDotted("1.2.840.113554.1.2.1.4");
    /** {@code GSS_C_NT_HOSTBASED_SERVICE_X}, the older hostbased service OID. */
    public static final Oid NT_HOSTBASED_SERVICE_X = fromDotted("1.3.6.1.5.6.2");
    /** {@code GSS_C_NT_ANONYMOUS}. */
    public static final Oid NT_ANONYMOUS = fromDotted("1.3.6.1.5.6.3");
    /** {@code GSS_C_NT_EXPORT_NAME}: an RFC 2743 section 3.2 exported name token. */
    public static final Oid NT_EXPORT_NAME = fromDotted("1.3.6.1.5.6.4");
    /** {@code GSS_C_NT_COMPOSITE_EXPORT} (RFC 6680): an exported name with attributes. */
    public static final Oid NT_COMPOSITE_EXPORT = fromDotted("1.3.6.1.5.6.6");
    /** {@code GSS_KRB5_NT_PRINCIPAL_NAME}: a krb5 principal name string. */
    public static final Oid KRB5_NT_PRINCIPAL_NAME = fromDotted("1.2.840.113554.1.2.2.1");
    /** {@code GSS_KRB5_NT_ENTERPRISE_NAME}. */
    public static final Oid KRB5_NT_ENTERPRISE_NAME = fromDotted("1.2.840.113554.1.2.2.6");
    /** {@code GSS_KRB5_CRED_NO_CI_FLAGS_X}: the krb5 credential option that gssproxy's krb5_set_no_ci_flags sets. */
    public static final Oid KRB5_CRED_NO_CI_FLAGS_X = fromDotted("1.2.752.43.13.29");
    /** MIT's {@code GSS_KRB5_GET_CRED_IMPERSONATOR}, for {@code gss_inquire_cred_by_oid}. */
    public static final Oid KRB5_GET_CRED_IMPERSONATOR = fromDotted("1.2.840.113554.1.2.2.5.14");

    /** Longest arc, in content bytes, that {@link #toDotted()} prints in digits (448 bits). */
    static final int MAX_PRINTED_ARC_BYTES = 64;

    public Oid {
        if (der.length == 0) {
            throw new IllegalArgumentException("an OID has at least one content octet; use null for GSS_C_NO_OID");
        }
        if ((der[der.length - 1] & 0x80) != 0) {
            throw new IllegalArgumentException("OID content ends inside a subidentifier (last octet has bit 8 set)");
        }
        der = der.clone();
    }

    /** A copy of the content octets. */
    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Number of content octets, without copying them. */
    public int length() {
        return der.length;
    }

    /** Parses dotted-decimal notation, e.g. {@code 1.2.840.113554.1.2.2}. */
    public static Oid fromDotted(String dotted) {
        String[] parts = dotted.trim().split("\\.", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("OID needs at least two arcs: '" + dotted + "'");
        }
        List<BigInteger> arcs = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("OID arc is not a decimal number: '" + dotted + "'");
            }
            arcs.add(new BigInteger(p));
        }
        BigInteger first = arcs.get(0);
        BigInteger second = arcs.get(1);
        if (first.compareTo(BigInteger.TWO) > 0
                || (first.compareTo(BigInteger.TWO) < 0 && second.compareTo(BigInteger.valueOf(40)) >= 0)) {
            throw new IllegalArgumentException("OID first arcs out of range (X.690 8.19.4): '" + dotted + "'");
        }
        var out = new ByteArrayOutputStream();
        writeBase128(out, first.multiply(BigInteger.valueOf(40)).add(second));
        for (int i = 2; i < arcs.size(); i++) {
            writeBase128(out, arcs.get(i));
        }
        return new Oid(out.toByteArray());
    }

    /**
     * Dotted-decimal notation, e.g. {@code 1.2.840.113554.1.2.2}. Linear in the OID's length for every OID a
     * mechanism uses: arcs are summed in a {@code long}, longer ones in a {@link BigInteger}, and an arc of more than
     * {@value #MAX_PRINTED_ARC_BYTES} bytes (no registered OID has one; a hostile 64 KiB arc took seconds of CPU to
     * print) is shown as {@code {N-byte arc}}.
     */
    public String toDotted() {
        StringBuilder sb = new StringBuilder();
        int start = 0;
        boolean firstArc = true;
        for (int i = 0; i < der.length; i++) {
            if ((der[i] & 0x80) != 0) {
                continue;
            }
            int bytes = i - start + 1;
            if (bytes > MAX_PRINTED_ARC_BYTES) {
                sb.append(firstArc ? "" : ".").append('{').append(bytes).append("-byte arc}");
            } else {
                BigInteger big = null;
                long value = 0;
                for (int j = start; j <= i; j++) {
                    if (big == null && (value >>> 56) != 0) {
                        big = BigInteger.valueOf(value);
                    }
                    if (big != null) {
                        big = big.shiftLeft(7).or(BigInteger.valueOf(der[j] & 0x7f));
                    } else {
                        value = (value << 7) | (der[j] & 0x7f);
                    }
                }
                if (firstArc) {
                    appendFirstArcs(sb, big, value);
                } else {
                    sb.append('.').append(big != null ? big.toString() : Long.toString(value));
                }
            }
            firstArc = false;
            start = i + 1;
        }
        return sb.toString();
    }

    private static void appendFirstArcs(StringBuilder sb, BigInteger big, long value) {
        if (big == null && value < 80) {
            sb.append(value / 40).append('.').append(value % 40);
        } else {
            BigInteger v = big != null ? big : BigInteger.valueOf(value);
            sb.append(2).append('.').append(v.subtract(BigInteger.valueOf(80)));
        }
    }

    private static void writeBase128(ByteArrayOutputStream out, BigInteger value) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int septet = value.shiftRight(7 * g).intValue() & 0x7f;
            out.write(g == 0 ? septet : septet | 0x80);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Oid other && Arrays.equals(der, other.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return toDotted();
    }
}
