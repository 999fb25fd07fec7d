package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.gss.GssErrors;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * RFC 2743 section 3.1 framing of context-establishment tokens: {@code 0x60}, a DER length, the mechanism OID
 * (DER), then the mechanism's token. The daemon (MIT) reads and writes whole framed tokens; the JDK's
 * {@code GSSContextImpl} strips the frame before it calls a mechanism other than its native one and adds it to what
 * the mechanism returns. So the provider puts the frame back on the way in and takes it off on the way out.
 */
final class GssHeader {

    private static final int APPLICATION_0 = 0x60;

    private GssHeader() {}

    /** {@code inner} framed for {@code mech}. */
    static byte[] frame(Oid mech, byte[] inner) {
        byte[] oid = der(mech);
        int contentLength = oid.length + inner.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(contentLength + 6);
        out.write(APPLICATION_0);
        writeLength(out, contentLength);
        out.writeBytes(oid);
        out.writeBytes(inner);
        return out.toByteArray();
    }

    /**
     * The mechanism token inside {@code token}.
     *
     * @throws GSSException DEFECTIVE_TOKEN unless {@code token} is exactly one frame for {@code mech}
     */
    static byte[] unframe(Oid mech, byte[] token) throws GSSException {
        byte[] oid = der(mech);
        if (token.length < 2 || (token[0] & 0xff) != APPLICATION_0) {
            throw defective("the daemon's token does not start with the RFC 2743 frame (0x60)");
        }
        int pos = 1;
        int first = token[pos++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || pos + octets > token.length) {
                throw defective("the daemon's token has an invalid frame length");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (token[pos++] & 0xff);
            }
        }
        if (length != token.length - pos) {
            throw defective("the daemon's token frame says " + length + " bytes, " + (token.length - pos)
                    + " follow");
        }
        if (token.length - pos < oid.length || !Arrays.equals(token, pos, pos + oid.length, oid, 0, oid.length)) {
            throw defective("the daemon's token is not framed for mechanism " + mech);
        }
        return Arrays.copyOfRange(token, pos + oid.length, token.length);
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int octets = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    private static byte[] der(Oid mech) {
        try {
            return mech.getDER();
        } catch (GSSException e) {
            throw new IllegalArgumentException("cannot encode OID " + mech, e);
        }
    }

    private static GSSException defective(String text) {
        return GssErrors.local(GSSException.DEFECTIVE_TOKEN, text);
    }
}
