package dev.gssproxy4j.server.handler.accept;

import dev.gssproxy4j.mech.LucidContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code linux_lucid_v1} context buffer the kernel's rpcsec_gss imports (upstream
 * {@code gp_format_linux_lucid_v1}, svcgssd's "krb5_rfc4121_buffer"), all in host byte order, 20 + key bytes:
 * <pre>
 *   u32 flags      INITIATOR 0x1 | CFX 0x2 | ACCEPTOR_SUBKEY 0x4
 *   u32 endtime    epoch seconds
 *   u64 send_seq
 *   u32 enctype
 *   key            the acceptor subkey if the acceptor asserted one, else the context key
 * </pre>
 * The result holds a session key: never log it.
 */
public final class LucidV1 {

    public static final int FLAG_INITIATOR = 0x1;
    public static final int FLAG_CFX = 0x2;
    public static final int FLAG_ACCEPTOR_SUBKEY = 0x4;
    /** Bytes before the key. */
    public static final int HEADER_BYTES = 20;

    private LucidV1() {}

    public static byte[] format(LucidContext lucid) {
        int flags = lucid.initiator() ? FLAG_INITIATOR : 0;
        LucidContext.LucidKey key;
        if (lucid.protocol() == LucidContext.PROTOCOL_CFX) {
            flags |= FLAG_CFX;
            boolean subkey = lucid.cfx().haveAcceptorSubkey();
            if (subkey) {
                flags |= FLAG_ACCEPTOR_SUBKEY;
            }
            key = subkey ? lucid.cfx().acceptorSubkey() : lucid.cfx().ctxKey();
        } else {
            key = lucid.rfc1964().ctxKey();
        }
        byte[] keyBytes = key.key();
        return ByteBuffer.allocate(HEADER_BYTES + keyBytes.length).order(ByteOrder.nativeOrder())
                .putInt(flags)
                .putInt((int) lucid.endtime())
                .putLong(lucid.sendSeq())
                .putInt(key.enctype())
                .put(keyBytes)
                .array();
    }
}
