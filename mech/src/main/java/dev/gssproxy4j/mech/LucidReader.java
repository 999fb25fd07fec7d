package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * Reads {@code gss_krb5_lucid_context_v1_t}. Offsets on x86-64 (checked with gcc offsetof): version 0, initiate 4,
 * endtime 8, send_seq 16, recv_seq 24, protocol 32, rfc1964_kd 40 (sign_alg, seal_alg, ctx_key at +8),
 * cfx_kd 64 (have_acceptor_subkey, ctx_key at +8, acceptor_subkey at +24); a lucid key is {type, length, data*}
 * in 16 bytes; the whole struct is 104 bytes.
 */
@SuppressWarnings("restricted") // binding native code is this class's purpose; needs --enable-native-access
final class LucidReader {

    static final long SIZE = 104;

    private LucidReader() {
    }

    static LucidContext read(MemorySegment lucidPtr) {
        MemorySegment s = lucidPtr.reinterpret(SIZE);
        int version = s.get(JAVA_INT, 0);
        if (version != 1) {
            throw new IllegalStateException("library returned lucid context version " + version + ", expected 1");
        }
        int protocol = s.get(JAVA_INT, 32);
        LucidContext.Rfc1964KeyData rfc = null;
        LucidContext.CfxKeyData cfx = null;
        if (protocol == LucidContext.PROTOCOL_RFC1964) {
            rfc = new LucidContext.Rfc1964KeyData(s.get(JAVA_INT, 40), s.get(JAVA_INT, 44), key(s, 48));
        } else if (protocol == LucidContext.PROTOCOL_CFX) {
            boolean haveSubkey = s.get(JAVA_INT, 64) != 0;
            cfx = new LucidContext.CfxKeyData(haveSubkey, key(s, 72), haveSubkey ? key(s, 88) : null);
        } else {
            throw new IllegalStateException("library returned unknown lucid protocol " + protocol);
        }
        return new LucidContext(version, s.get(JAVA_INT, 4) != 0, Integer.toUnsignedLong(s.get(JAVA_INT, 8)),
                s.get(JAVA_LONG, 16), s.get(JAVA_LONG, 24), protocol, rfc, cfx);
    }

    private static LucidContext.LucidKey key(MemorySegment s, long offset) {
        int type = s.get(JAVA_INT, offset);
        int length = s.get(JAVA_INT, offset + 4);
        MemorySegment data = s.get(ADDRESS, offset + 8);
        byte[] bytes = data.address() == 0 || length <= 0 ? new byte[0]
                : data.reinterpret(length).toArray(JAVA_BYTE);
        return new LucidContext.LucidKey(type, bytes);
    }
}
