package dev.gssproxy4j.mech;

import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumHandler;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.CheckSumType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;

/**
 * An independent check of an RFC 4121 section 4.2.6.1 MIC token with Kerby's RFC 3961/3962 crypto: proves that the
 * key a lucid context exports is the key the library signs with. aes-sha1 enctypes only (Kerby has no RFC 8009).
 */
final class Rfc4121Mic {

    private static final int FLAG_SENT_BY_ACCEPTOR = 0x01;
    private static final int FLAG_ACCEPTOR_SUBKEY = 0x04;
    private static final int KG_USAGE_ACCEPTOR_SIGN = 23;
    private static final int KG_USAGE_INITIATOR_SIGN = 25;

    private Rfc4121Mic() {
    }

    /** True when {@code token} is a valid MIC over {@code message} by the side that exported {@code sender}. */
    static boolean verify(LucidContext sender, byte[] token, byte[] message) throws KrbException {
        if (token[0] != 0x04 || token[1] != 0x04) {
            throw new IllegalArgumentException("not an RFC 4121 MIC token");
        }
        int flags = token[2];
        LucidContext.CfxKeyData keys = sender.cfx();
        LucidContext.LucidKey key = (flags & FLAG_ACCEPTOR_SUBKEY) != 0 ? keys.acceptorSubkey() : keys.ctxKey();
        int usage = (flags & FLAG_SENT_BY_ACCEPTOR) != 0 ? KG_USAGE_ACCEPTOR_SIGN : KG_USAGE_INITIATOR_SIGN;
        CheckSumType type = switch (key.enctype()) {
            case 17 -> CheckSumType.HMAC_SHA1_96_AES128;
            case 18 -> CheckSumType.HMAC_SHA1_96_AES256;
            default -> throw new IllegalArgumentException("enctype " + key.enctype() + " not supported by Kerby");
        };
        byte[] header = Arrays.copyOf(token, 16);
        byte[] signed = new byte[message.length + header.length];
        System.arraycopy(message, 0, signed, 0, message.length);
        System.arraycopy(header, 0, signed, message.length, header.length);
        byte[] expected = Arrays.copyOfRange(token, 16, token.length);
        return CheckSumHandler.verifyWithKey(new CheckSum(type, expected), signed, key.key(),
                KeyUsage.fromValue(usage));
    }
}
