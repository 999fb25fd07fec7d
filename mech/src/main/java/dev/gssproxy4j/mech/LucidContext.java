package dev.gssproxy4j.mech;

/**
 * A krb5 context in MIT's "lucid" form ({@code gss_krb5_lucid_context_v1_t}, {@code gssapi_krb5.h}): what the
 * Linux kernel (rpcsec_gss, via gssproxy's {@code linux_lucid_v1}) needs to run RFC 1964 / RFC 4121 per-message
 * protection itself. Contains session keys: never log it; {@link #toString()} prints lengths only.
 *
 * @param version   structure version (1)
 * @param initiator true if this side initiated the context
 * @param endtime   context expiry, seconds since the epoch (unsigned 32-bit)
 * @param sendSeq   next sequence number this side will send
 * @param recvSeq   next sequence number this side expects to receive
 * @param protocol  0 = RFC 1964 (use {@link #rfc1964()}), 1 = RFC 4121 CFX (use {@link #cfx()})
 * @param rfc1964   key data when {@code protocol == 0}, else null
 * @param cfx       key data when {@code protocol == 1}, else null
 */
public record LucidContext(int version, boolean initiator, long endtime, long sendSeq, long recvSeq, int protocol,
                           Rfc1964KeyData rfc1964, CfxKeyData cfx) {

    /** {@code protocol} value of RFC 1964 (pre-CFX enctypes: des, des3, rc4). */
    public static final int PROTOCOL_RFC1964 = 0;
    /** {@code protocol} value of RFC 4121 (CFX: aes and newer). */
    public static final int PROTOCOL_CFX = 1;

    /** {@code gss_krb5_lucid_key_t}: an enctype (RFC 3961 number) and its key bytes (owned by the caller). */
    public record LucidKey(int enctype, byte[] key) {
        @Override
        public String toString() {
            return "LucidKey[enctype=" + enctype + ", key=" + (key == null ? 0 : key.length) + " bytes]";
        }
    }

    /** {@code gss_krb5_rfc1964_keydata_t}. */
    public record Rfc1964KeyData(int signAlg, int sealAlg, LucidKey ctxKey) {
    }

    /**
     * {@code gss_krb5_cfx_keydata_t}: the context key, and the acceptor subkey when the acceptor asserted one
     * (RFC 4121 section 2: then tokens are protected with the acceptor subkey).
     */
    public record CfxKeyData(boolean haveAcceptorSubkey, LucidKey ctxKey, LucidKey acceptorSubkey) {
    }
}
