package dev.gssproxy4j.mech;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * Checks of caller-controlled bytes before MIT parses them. The daemon's callers are local, untrusted users, and
 * some MIT parsers were written for bytes a process produced itself: they assert, or read as far as a length
 * field says. Every check here is pure Java, bounded by the input's length, and fails with a {@link GssException}
 * carrying the status a GSS-API library would return and a text that names the problem and the fix.
 *
 * <h2>MIT entry points that take caller-controlled bytes, and why each is safe</h2>
 * <table>
 *   <caption>Every binding of this module that can see bytes a caller sent</caption>
 *   <tr><th>entry point</th><th>caller bytes</th><th>why it is safe</th></tr>
 *   <tr><td>{@code gss_import_name}</td><td>display and exported names, name-type OIDs</td><td>{@link
 *       #nameValue} first: exported-name tokens must be exactly RFC 2743 section 3.2 (MIT's krb5 importer
 *       {@code assert}s that the name ends the token and aborts the process otherwise); composite names may not
 *       carry attributes (MIT would internalize them, PAC "verified" flag included, on the caller's word, and
 *       1.20's PAC internalizer reads past its input); exported tokens must name krb5 (the mechglue's path for
 *       other mechanisms wraps a 32-bit length check); name types come from an allow-list (MIT reads the value of
 *       {@code GSS_KRB5_NT_PRINCIPAL} as a C pointer); a machine uid is exactly 4 bytes (MIT reads
 *       {@code sizeof(uid_t)} without checking) and a string uid only digits (MIT's {@code atoi} makes "abc" root);
 *       names hold no NUL (MIT copies them into C strings, so {@code alice\0@EVIL} would become {@code alice})</td></tr>
 *   <tr><td>any call taking a {@code gss_OID}</td><td>mechanisms, name types</td><td>{@link #oid}: DER content,
 *       1..{@value #MAX_OID_BYTES} bytes, minimal base-128 subidentifiers; MIT only compares them</td></tr>
 *   <tr><td>{@code gss_accept_sec_context}, {@code gss_init_sec_context}</td><td>context tokens, channel
 *       bindings</td><td>built for tokens from the network peer (ASN.1 decoders with bounds checks); channel
 *       bindings are only hashed, and their address types are checked to fit 32 bits ({@link
 *       #addressType})</td></tr>
 *   <tr><td>{@code gss_unwrap}, {@code gss_verify_mic}, {@code gss_wrap}, {@code gss_get_mic}</td><td>tokens and
 *       messages</td><td>built for peer tokens; messages are only encrypted or hashed</td></tr>
 *   <tr><td>{@code gss_import_sec_context}</td><td>none</td><td>never sees caller bytes: only contexts the
 *       daemon exported and sealed (AES-256-GCM) itself, opened and authenticated first; its internalizer is
 *       not built for hostile input (a fuzzed token crashes it)</td></tr>
 *   <tr><td>{@code gss_import_cred}</td><td>none</td><td>the same: only credentials the daemon sealed</td></tr>
 *   <tr><td>{@code gss_localname}, {@code gss_canonicalize_name}, {@code gss_compare_name}</td><td>none
 *       directly</td><td>they take names imported through {@code gss_import_name} above</td></tr>
 * </table>
 */
public final class InputChecks {

    /** Longest OID a caller may send, in content octets; GSS-API mechanism and name-type OIDs take 6..11. */
    public static final int MAX_OID_BYTES = 64;
    /** RFC 2743 section 3.2 exported name token identifier. */
    private static final int TOK_EXPORT_NAME = 0x0401;
    /** RFC 6680 / MIT composite exported name token identifier. */
    private static final int TOK_COMPOSITE_NAME = 0x0402;
    private static final int DER_OID_TAG = 0x06;
    private static final byte[] KRB5 = Oid.KRB5.der();
    private static final int UID_BYTES = 4;
    private static final int MAX_UID_DIGITS = 10;
    /** Name types whose value MIT copies into a C string and parses as text. */
    private static final Set<Oid> TEXT_NAME_TYPES = Set.of(Oid.NT_USER_NAME, Oid.NT_HOSTBASED_SERVICE,
            Oid.NT_HOSTBASED_SERVICE_X, Oid.NT_ANONYMOUS, Oid.KRB5_NT_PRINCIPAL_NAME, Oid.KRB5_NT_ENTERPRISE_NAME);
    /** Name types with a binary value, each checked by its own rule below. */
    private static final Set<Oid> BINARY_NAME_TYPES = Set.of(Oid.NT_EXPORT_NAME, Oid.NT_COMPOSITE_EXPORT,
            Oid.NT_MACHINE_UID_NAME, Oid.NT_STRING_UID_NAME);

    private InputChecks() {}

    /**
     * The OID whose DER content octets (no tag, no length) are {@code der}.
     *
     * @param field  the protocol field, for the error text (e.g. {@code name_type})
     * @param status the status for a malformed OID (e.g. GSS_S_BAD_MECH for a mechanism)
     * @throws GssException {@code status} if {@code der} is empty, longer than {@value #MAX_OID_BYTES} bytes, ends
     *                      inside a subidentifier or encodes one with a leading {@code 0x80} (not minimal DER)
     */
    public static Oid oid(byte[] der, String field, MajorStatus status) {
        String problem = oidProblem(der, 0, der.length);
        if (problem != null) {
            throw refuse(status, field + " is not a valid OID: " + problem + "; send the DER content octets of the"
                    + " OID (e.g. 2a 86 48 86 f7 12 01 02 02 for krb5), or nothing for the default");
        }
        return new Oid(der);
    }

    /**
     * Checks a name value before {@code gss_import_name} reads it as {@code type} (null: the default type).
     *
     * @throws GssException GSS_S_BAD_NAME with the reason, for a value MIT must not parse
     */
    public static void nameValue(byte[] value, Oid type) {
        if (type != null && !TEXT_NAME_TYPES.contains(type) && !BINARY_NAME_TYPES.contains(type)) {
            throw refuse(MajorStatus.GSS_S_BAD_NAMETYPE, "name type " + type + " is not one gssproxy4j passes to"
                    + " the library (some, like GSS_KRB5_NT_PRINCIPAL, make MIT read the bytes as a C pointer). Send"
                    + " one of " + TEXT_NAME_TYPES + ", an exported name (" + Oid.NT_EXPORT_NAME + ") or no type");
        }
        if (Oid.NT_EXPORT_NAME.equals(type)) {
            exportedName(value, TOK_EXPORT_NAME);
        } else if (Oid.NT_COMPOSITE_EXPORT.equals(type)) {
            exportedName(value, TOK_COMPOSITE_NAME);
        } else if (Oid.NT_MACHINE_UID_NAME.equals(type)) {
            if (value.length != UID_BYTES) {
                throw refuse(MajorStatus.GSS_S_BAD_NAME, "a GSS_C_NT_MACHINE_UID_NAME name is a " + UID_BYTES
                        + "-byte uid in host byte order, got " + value.length + " bytes");
            }
        } else if (Oid.NT_STRING_UID_NAME.equals(type)) {
            if (value.length == 0 || value.length > MAX_UID_DIGITS || !isDigits(value)) {
                throw refuse(MajorStatus.GSS_S_BAD_NAME, "a GSS_C_NT_STRING_UID_NAME name is a uid in 1.."
                        + MAX_UID_DIGITS + " decimal digits");
            }
        } else if (indexOfNul(value) >= 0) {
            throw refuse(MajorStatus.GSS_S_BAD_NAME, "the name contains a NUL byte at offset " + indexOfNul(value)
                    + "; MIT reads names as C strings, so the rest would be ignored. Send the name without it");
        }
    }

    /**
     * Checks an exported name token ({@code 04 01}) or composite one ({@code 04 02}): header, DER mechanism OID,
     * a name length that ends exactly at the token's end ({@code 04 01}) or at a 4-byte attribute length of zero
     * that ends it ({@code 04 02}).
     */
    private static void exportedName(byte[] token, int tokenId) {
        String kind = tokenId == TOK_EXPORT_NAME ? "exported name" : "composite exported name";
        ByteBuffer in = ByteBuffer.wrap(token);
        if (in.remaining() < 4 || Short.toUnsignedInt(in.getShort()) != tokenId) {
            throw badToken(kind, "it does not start with " + (tokenId == TOK_EXPORT_NAME ? "04 01" : "04 02"));
        }
        int mechLength = Short.toUnsignedInt(in.getShort());
        if (mechLength < 3 || mechLength > in.remaining()) {
            throw badToken(kind, "its mechanism OID length " + mechLength + " is out of range (3.."
                    + Math.max(3, in.remaining()) + ")");
        }
        int tag = Byte.toUnsignedInt(in.get());
        int derLength = Byte.toUnsignedInt(in.get());
        if (tag != DER_OID_TAG || derLength != mechLength - 2) {
            throw badToken(kind, "its mechanism is not one DER OID of " + mechLength + " bytes (06, a short-form"
                    + " length, the content)");
        }
        if (!Arrays.equals(token, in.position(), in.position() + derLength, KRB5, 0, KRB5.length)) {
            throw refuse(MajorStatus.GSS_S_BAD_MECH, "the " + kind + " token is for a mechanism other than krb5 ("
                    + Oid.KRB5 + "), the only one gssproxy4j serves; MIT parses other mechanisms' tokens with"
                    + " unchecked lengths");
        }
        in.position(in.position() + derLength);
        if (in.remaining() < 4) {
            throw badToken(kind, "it ends before the 4-byte name length");
        }
        long nameLength = Integer.toUnsignedLong(in.getInt());
        if (nameLength > in.remaining()) {
            throw badToken(kind, "its name length " + nameLength + " runs past the end (" + in.remaining()
                    + " bytes left)");
        }
        int nul = indexOfNul(token, in.position(), (int) nameLength);
        if (nul >= 0) {
            throw badToken(kind, "its name contains a NUL byte at offset " + nul + ", which MIT would cut it at");
        }
        in.position(in.position() + (int) nameLength);
        if (tokenId == TOK_EXPORT_NAME) {
            if (in.hasRemaining()) {
                throw badToken(kind, in.remaining() + " bytes follow the name");
            }
            return;
        }
        if (in.remaining() != 4 || in.getInt() != 0) {
            throw refuse(MajorStatus.GSS_S_BAD_NAME, "the composite exported name carries name attributes, which"
                    + " are not accepted from callers: MIT would take them (a PAC marked verified included) on the"
                    + " caller's word. Send display_name, or the exported name (04 01) without attributes");
        }
    }

    /**
     * A channel-binding address type from the protocol's 64-bit field as the C API's 32-bit {@code OM_uint32}.
     *
     * @throws GssException GSS_S_BAD_BINDINGS for a value over 2^32-1
     */
    public static int addressType(long value, String field) {
        if (value < 0 || value > 0xffffffffL) {
            throw refuse(MajorStatus.GSS_S_BAD_BINDINGS, field + " " + Long.toUnsignedString(value) + " does not"
                    + " fit in 32 bits; send a GSS_C_AF_* value (0 for GSS_C_AF_UNSPEC)");
        }
        return (int) value;
    }

    /** Why {@code length} bytes at {@code offset} are not OID content octets, or null if they are. */
    private static String oidProblem(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return "it is empty";
        }
        if (length > MAX_OID_BYTES) {
            return length + " bytes is over the " + MAX_OID_BYTES + "-byte limit";
        }
        boolean subidentifierStart = true;
        for (int i = offset; i < offset + length; i++) {
            int b = Byte.toUnsignedInt(bytes[i]);
            if (subidentifierStart && b == 0x80) {
                return "a subidentifier starts with 0x80 (not minimal DER, X.690 8.19.2)";
            }
            subidentifierStart = (b & 0x80) == 0;
        }
        return subidentifierStart ? null : "it ends inside a subidentifier (last byte has bit 8 set)";
    }

    private static GssException badToken(String kind, String why) {
        return refuse(MajorStatus.GSS_S_BAD_NAME, "the " + kind + " token is malformed: " + why + " (RFC 2743"
                + " section 3.2). Send the token gss_export_name returned, unchanged");
    }

    private static boolean isDigits(byte[] value) {
        for (byte b : value) {
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    private static int indexOfNul(byte[] value) {
        return indexOfNul(value, 0, value.length);
    }

    /** The offset of the first NUL in {@code length} bytes at {@code offset}, or -1. */
    private static int indexOfNul(byte[] value, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (value[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A GSS error with MIT's display text for {@code status} (no library call: these checks run before any). */
    static GssException refuse(MajorStatus status, String why) {
        return new GssException("gssproxy4j input check", new GssStatus(status.value(), 0, null, mitText(status),
                why));
    }

    /** {@code gss_display_status} of MIT krb5 1.20 for the statuses these checks return. */
    private static String mitText(MajorStatus status) {
        return switch (status) {
            case GSS_S_BAD_MECH -> "An unsupported mechanism was requested";
            case GSS_S_BAD_NAME -> "An invalid name was supplied";
            case GSS_S_BAD_NAMETYPE -> "A supplied name was of an unsupported type";
            case GSS_S_BAD_BINDINGS -> "Incorrect channel bindings were supplied";
            case GSS_S_NO_CONTEXT -> "No context has been established";
            default -> MajorStatus.describe(status.value());
        };
    }
}
