package dev.gssproxy4j.jgss.gss;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * RFC 2743 section 3.2 exported name tokens: {@code 04 01}, a 2-byte length of the mechanism OID's DER, the DER,
 * a 4-byte length and the mechanism's name. For krb5 (RFC 1964 section 2.1.3) the name is the principal's string
 * form, e.g. {@code alice@EXAMPLE.TEST}.
 */
public final class ExportedNames {

    private static final int TOKEN_ID = 0x0401;

    private ExportedNames() {}

    /** The whole token for a mechanism name, e.g. what {@code GSSNameImpl} stripped before it asked the mechanism. */
    public static byte[] token(Oid mech, byte[] mechName) {
        try {
            byte[] der = mech.getDER();
            ByteArrayOutputStream out = new ByteArrayOutputStream(8 + der.length + mechName.length);
            out.write(TOKEN_ID >>> 8);
            out.write(TOKEN_ID & 0xff);
            out.write(der.length >>> 8);
            out.write(der.length & 0xff);
            out.writeBytes(der);
            int n = mechName.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.writeBytes(mechName);
            return out.toByteArray();
        } catch (GSSException e) {
            throw new IllegalArgumentException("cannot encode OID " + mech, e);
        }
    }

    /**
     * The mechanism's part of a token of mechanism {@code mech}.
     *
     * @throws GSSException BAD_NAME if {@code token} is not one whole exported name token of that mechanism
     */
    public static byte[] mechName(byte[] token, Oid mech) throws GSSException {
        byte[] der;
        try {
            der = mech.getDER();
        } catch (GSSException e) {
            throw new IllegalArgumentException("cannot encode OID " + mech, e);
        }
        int nameAt = 4 + der.length + 4;
        if (token.length < nameAt || ((token[0] & 0xff) << 8 | (token[1] & 0xff)) != TOKEN_ID
                || ((token[2] & 0xff) << 8 | (token[3] & 0xff)) != der.length
                || !Arrays.equals(token, 4, 4 + der.length, der, 0, der.length)) {
            throw GssErrors.local(GSSException.BAD_NAME, "not an exported name token of mechanism " + mech);
        }
        long length = (token[nameAt - 4] & 0xffL) << 24 | (token[nameAt - 3] & 0xff) << 16
                | (token[nameAt - 2] & 0xff) << 8 | (token[nameAt - 1] & 0xff);
        if (length != token.length - nameAt) {
            throw GssErrors.local(GSSException.BAD_NAME, "the exported name token says its name has " + length
                    + " bytes, but " + (token.length - nameAt) + " follow");
        }
        return Arrays.copyOfRange(token, nameAt, token.length);
    }
}
