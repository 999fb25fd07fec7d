package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;

/**
 * RFC 5531 section 8.2: {@code struct opaque_auth}. The flavour is kept as a number so that any flavour decodes
 * (and can then be refused by name, see {@link #flavorName()}); the body is at most 400 bytes.
 */
public record OpaqueAuth(int flavor, Opaque body) {

    /** {@code opaque body<MAX_AUTH_BYTES>}, MAX_AUTH_BYTES = 400. */
    public static final int MAX_BODY = 400;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;
    public static final int AUTH_SHORT = 2;
    public static final int AUTH_DH = 3;
    public static final int RPCSEC_GSS = 6;

    /** AUTH_NONE with an empty body: the only flavour GSS-Proxy accepts, and the verifier of every reply. */
    public static final OpaqueAuth NONE = new OpaqueAuth(AUTH_NONE, Opaque.EMPTY);

    public OpaqueAuth {
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException("auth body of " + body.length() + " bytes exceeds " + MAX_BODY);
        }
    }

    public boolean isNone() {
        return flavor == AUTH_NONE;
    }

    /** The flavour's name for messages, e.g. {@code AUTH_SYS}, or {@code flavor 42}. */
    public String flavorName() {
        return switch (flavor) {
            case AUTH_NONE -> "AUTH_NONE";
            case AUTH_SYS -> "AUTH_SYS";
            case AUTH_SHORT -> "AUTH_SHORT";
            case AUTH_DH -> "AUTH_DH";
            case RPCSEC_GSS -> "RPCSEC_GSS";
            default -> "flavor " + Integer.toUnsignedString(flavor);
        };
    }

    static OpaqueAuth decode(XdrReader reader) {
        int flavor = reader.readInt("flavor");
        return new OpaqueAuth(flavor, reader.readOpaque("body", MAX_BODY));
    }

    void encode(XdrWriter writer) {
        writer.writeInt(flavor).writeOpaque(body);
    }
}
