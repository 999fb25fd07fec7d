package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gssx_OID} values: the DER <em>content</em> octets of an OBJECT IDENTIFIER (X.690 section 8.19, no tag and
 * no length), as upstream's {@code gp_conv.c} copies {@code gss_OID->elements}. Empty means GSS_C_NO_OID.
 */
public final class Oids {

    private static final BigInteger SEVEN_BITS = BigInteger.valueOf(0x7f);
    private static final BigInteger FORTY = BigInteger.valueOf(40);
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    /** Kerberos 5, RFC 1964. */
    public static final Opaque KRB5 = known("1.2.840.113554.1.2.2", "krb5");
    /** Pre-RFC Kerberos 5 OID, still interposed by gssproxy. */
    public static final Opaque KRB5_OLD = known("1.3.5.1.5.2", "krb5 (old OID)");
    /** The OID Microsoft implementations used by mistake (1.2.840.48018 instead of 1.2.840.113554). */
    public static final Opaque KRB5_WRONG = known("1.2.840.48018.1.2.2", "krb5 (Microsoft OID)");
    public static final Opaque IAKERB = known("1.3.6.1.5.2.5", "IAKERB");
    public static final Opaque SPNEGO = known("1.3.6.1.5.5.2", "SPNEGO");
    /** gssproxy's interposer mechanism ({@code /etc/gss/mech.d/gssproxy.conf}). */
    public static final Opaque GSSPROXY_INTERPOSER = known("2.16.840.1.113730.3.8.15.1", "gssproxy interposer");

    public static final Opaque NT_USER_NAME = known("1.2.840.113554.1.2.1.1", "GSS_C_NT_USER_NAME");
    public static final Opaque NT_MACHINE_UID_NAME = known("1.2.840.113554.1.2.1.2", "GSS_C_NT_MACHINE_UID_NAME");
    public static final Opaque NT_STRING_UID_NAME = known("1.2.840.113554.1.2.1.3", "GSS_C_NT_STRING_UID_NAME");
    public static final Opaque NT_HOSTBASED_SERVICE = known("1.2.840.113554.1.2.1.4", "GSS_C_NT_HOSTBASED_SERVICE");
    public static final Opaque NT_HOSTBASED_SERVICE_X = known("1.3.6.1.5.6.2", "GSS_C_NT_HOSTBASED_SERVICE_X");
    public static final Opaque NT_ANONYMOUS = known("1.3.6.1.5.6.3", "GSS_C_NT_ANONYMOUS");
    public static final Opaque NT_EXPORT_NAME = known("1.3.6.1.5.6.4", "GSS_C_NT_EXPORT_NAME");
    public static final Opaque NT_COMPOSITE_EXPORT = known("1.3.6.1.5.6.6", "GSS_C_NT_COMPOSITE_EXPORT");
    public static final Opaque KRB5_NT_PRINCIPAL_NAME = known("1.2.840.113554.1.2.2.1", "GSS_KRB5_NT_PRINCIPAL_NAME");
    public static final Opaque KRB5_NT_PRINCIPAL = known("1.2.840.113554.1.2.2.2", "GSS_KRB5_NT_PRINCIPAL");
    public static final Opaque KRB5_NT_ENTERPRISE_NAME = known("1.2.840.113554.1.2.2.6", "GSS_KRB5_NT_ENTERPRISE_NAME");
    public static final Opaque KRB5_NT_X509_CERT = known("1.2.840.113554.1.2.2.7", "GSS_KRB5_NT_X509_CERT");

    static {
        // RFC 5587 section 3.4: mechanism attributes 1.3.6.1.5.5.13.N, as INDICATE_MECHS lists them.
        String[] attributes = {"MECH_CONCRETE", "MECH_PSEUDO", "MECH_COMPOSITE", "MECH_NEGO", "MECH_GLUE",
            "NOT_MECH", "DEPRECATED", "NOT_DFLT_MECH", "ITOK_FRAMED", "AUTH_INIT", "AUTH_TARG", "AUTH_INIT_INIT",
            "AUTH_TARG_INIT", "AUTH_INIT_ANON", "AUTH_TARG_ANON", "DELEG_CRED", "INTEG_PROT", "CONF_PROT", "MIC",
            "WRAP", "PROT_READY", "REPLAY_DET", "OOS_DET", "CBINDINGS", "PFS", "COMPRESS", "CTX_TRANS"};
        for (int i = 0; i < attributes.length; i++) {
            NAMES.put("1.3.6.1.5.5.13." + (i + 1), "GSS_C_MA_" + attributes[i]);
        }
        NAMES.put("1.2.840.113554.1.2.2.5.18", "GSS_C_MA_NEGOEX_AND_SPNEGO");
    }

    private Oids() {}

    private static Opaque known(String dotted, String name) {
        NAMES.put(dotted, name);
        return fromDotted(dotted);
    }

    /**
     * The dotted form, e.g. {@code 1.2.840.113554.1.2.2}; the empty string for an empty OID.
     *
     * @throws IllegalArgumentException if the bytes are not valid OID content (a truncated or non-minimal
     *                                  subidentifier)
     */
    public static String toDotted(Opaque oid) {
        StringBuilder dotted = new StringBuilder();
        BigInteger arc = BigInteger.ZERO;
        boolean first = true;
        boolean started = false;
        for (int i = 0; i < oid.length(); i++) {
            int octet = oid.byteAt(i) & 0xff;
            if (!started && octet == 0x80) {
                throw new IllegalArgumentException("OID subidentifier at byte " + i + " is not minimally encoded");
            }
            started = true;
            arc = arc.shiftLeft(7).or(BigInteger.valueOf(octet & 0x7f));
            if ((octet & 0x80) != 0) {
                continue;
            }
            if (first) {
                int top = arc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
                dotted.append(top).append('.').append(arc.subtract(BigInteger.valueOf(40L * top)));
                first = false;
            } else {
                dotted.append('.').append(arc);
            }
            arc = BigInteger.ZERO;
            started = false;
        }
        if (started) {
            throw new IllegalArgumentException("OID ends inside a subidentifier");
        }
        return dotted.toString();
    }

    /**
     * The DER content octets of a dotted OID.
     *
     * @throws IllegalArgumentException unless {@code dotted} has at least two arcs, the first 0, 1 or 2 and, below
     *                                  2, the second under 40
     */
    public static Opaque fromDotted(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("an OID needs at least two arcs: '" + dotted + "'");
        }
        BigInteger[] arcs = new BigInteger[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[0-9]+")) {
                throw new IllegalArgumentException("OID arc '" + parts[i] + "' is not a number in '" + dotted + "'");
            }
            arcs[i] = new BigInteger(parts[i]);
        }
        if (arcs[0].compareTo(BigInteger.TWO) > 0 || (arcs[0].compareTo(BigInteger.TWO) < 0
                && arcs[1].compareTo(FORTY) >= 0)) {
            throw new IllegalArgumentException("OID '" + dotted + "' has invalid first arcs (X.660)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, arcs[0].multiply(FORTY).add(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, arcs[i]);
        }
        return Opaque.of(out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, BigInteger value) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int bits = value.shiftRight(7 * g).and(SEVEN_BITS).intValue();
            out.write(g == 0 ? bits : bits | 0x80);
        }
    }

    /** The well-known name of {@code oid} (mechanism, name type or mechanism attribute), if it has one. */
    public static Optional<String> name(Opaque oid) {
        try {
            return Optional.ofNullable(NAMES.get(toDotted(oid)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * For messages and dumps: {@code 1.2.840.113554.1.2.2 (krb5)}, {@code (empty)} for GSS_C_NO_OID, or the hex of
     * bytes that are not a valid OID (OIDs are public values, never secrets).
     */
    public static String describe(Opaque oid) {
        if (oid.isEmpty()) {
            return "(empty)";
        }
        try {
            String dotted = toDotted(oid);
            return name(oid).map(name -> dotted + " (" + name + ")").orElse(dotted);
        } catch (IllegalArgumentException e) {
            return "invalid OID " + oid.toHex() + " (" + e.getMessage() + ")";
        }
    }
}
