package dev.gssproxy4j.server.seal;

import dev.gssproxy4j.server.seal.HandleException.Reason;
import java.nio.ByteBuffer;

/**
 * Byte layout of a sealed handle, format version 1 (all integers big-endian):
 * <pre>
 * sealed    = version(1) key_id(4) nonce(12) ciphertext(9 + n) tag(16)
 * plaintext = kind(1) expiry(8, unsigned epoch seconds) payload(n)
 * aad       = version(1) key_id(4) kind(1) service_len(2) service(UTF-8) caller_uid(4) target_uid(4)
 * </pre>
 * AES-256-GCM (NIST SP 800-38D) with a 96-bit random nonce and a 128-bit tag. Version and key id are in clear so
 * the right key can be found, and authenticated through the AAD; kind, service and uids are authenticated but never
 * stored in clear, so the handle reveals nothing about whom it belongs to.
 */
final class SealedLayout {

    static final byte VERSION = 1;
    static final int KEY_ID_OFFSET = 1;
    static final int NONCE_OFFSET = 5;
    static final int NONCE_BYTES = 12;
    static final int HEADER_BYTES = NONCE_OFFSET + NONCE_BYTES;
    static final int PLAINTEXT_PREFIX_BYTES = 1 + 8;
    static final int TAG_BYTES = 16;
    static final int TAG_BITS = TAG_BYTES * 8;
    static final int OVERHEAD = HEADER_BYTES + PLAINTEXT_PREFIX_BYTES + TAG_BYTES;
    /** Upstream gssproxy's cap on a whole RPC message; no handle can usefully be larger. */
    static final int MAX_SEALED_BYTES = 1 << 20;
    static final int MAX_PAYLOAD_BYTES = MAX_SEALED_BYTES - OVERHEAD;

    private SealedLayout() {
    }

    static byte[] associatedData(int keyId, HandleKind kind, Binding binding) {
        byte[] who = binding.encode();
        return ByteBuffer.allocate(6 + who.length)
                .put(VERSION).putInt(keyId).put(kind.wireValue()).put(who)
                .array();
    }

    static int keyId(byte[] sealed) {
        return ByteBuffer.wrap(sealed).getInt(KEY_ID_OFFSET);
    }

    /** Rejects a handle whose size or version rules it out, before any key lookup or decryption. */
    static void checkShape(HandleKind kind, byte[] sealed) throws HandleException {
        if (sealed.length > MAX_SEALED_BYTES) {
            throw new HandleException(Reason.MALFORMED, "the " + kind + " handle is " + sealed.length
                    + " bytes, over the " + MAX_SEALED_BYTES + "-byte cap, so it was not issued by this daemon."
                    + " Fix: the client must acquire a new credential");
        }
        if (sealed.length < OVERHEAD) {
            throw new HandleException(Reason.MALFORMED, "the " + kind + " handle is " + sealed.length
                    + " bytes, shorter than the " + OVERHEAD + " bytes of an empty sealed handle (truncated?)."
                    + " Fix: the client must acquire a new credential");
        }
        if (sealed[0] != VERSION) {
            throw new HandleException(Reason.MALFORMED, "the " + kind + " handle has format version "
                    + (sealed[0] & 0xFF) + " but this daemon reads version " + VERSION + ": it was issued by"
                    + " upstream gssproxy or another gssproxy4j version."
                    + " Fix: the client must acquire a new credential");
        }
    }
}
