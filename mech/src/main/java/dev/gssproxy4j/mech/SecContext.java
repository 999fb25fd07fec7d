package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A {@code gss_ctx_id_t} (RFC 2743 section 2.2). Owns the native context: {@link #close()} calls
 * {@code gss_delete_sec_context}; a Cleaner does so as a safety net.
 *
 * <p>MIT requires that one context is used by one thread at a time, so every method is {@code synchronized};
 * establishment ({@link Gss#initSecContext}, {@link Gss#acceptSecContext}) locks the context too. The
 * per-message calls never block on I/O and may run on any thread, virtual ones included.
 *
 * <p>{@link #export()} and {@link #exportLucid(int)} delete the native context, as the library does: afterwards
 * this object is closed.
 */
public final class SecContext implements AutoCloseable {

    private final NativeRef ref;

    private SecContext(long address) {
        this.ref = new NativeRef(this, "context", address, SecContext::free);
    }

    /** Takes ownership of a context the library created; null for {@code GSS_C_NO_CONTEXT}. */
    static SecContext adopt(long address) {
        return address == 0 ? null : new SecContext(address);
    }

    NativeRef ref() {
        return ref;
    }

    /** {@code gss_wrap}: protects {@code message}, encrypting it if {@code conf}. */
    public WrapResult wrap(boolean conf, int qop, byte[] message) {
        return wrap(conf, qop, ByteBuffer.wrap(message));
    }

    /** As {@link #wrap(boolean, int, byte[])} for the bytes {@code message} has remaining (not consumed). */
    public synchronized WrapResult wrap(boolean conf, int qop, ByteBuffer message) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment confState = call.intOut();
            MemorySegment out = call.outBuffer();
            int major = GssNative.wrap(call.minor, NativeCall.handle(h), conf ? 1 : 0, qop, call.inBuffer(message),
                    confState, out);
            byte[] token = call.takeBuffer(out);
            call.check(major, "gss_wrap", null);
            return new WrapResult(token, confState.get(JAVA_INT, 0) != 0);
        } finally {
            ref.release();
        }
    }

    /** {@code gss_unwrap}: verifies (and decrypts) a wrap token from the peer. */
    public UnwrapResult unwrap(byte[] token) {
        return unwrap(ByteBuffer.wrap(token));
    }

    /** As {@link #unwrap(byte[])} for the bytes {@code token} has remaining (not consumed). */
    public synchronized UnwrapResult unwrap(ByteBuffer token) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment out = call.outBuffer();
            MemorySegment confState = call.intOut();
            MemorySegment qop = call.intOut();
            int major = GssNative.unwrap(call.minor, NativeCall.handle(h), call.inBuffer(token), out, confState, qop);
            byte[] message = call.takeBuffer(out);
            call.check(major, "gss_unwrap", null);
            return new UnwrapResult(message, confState.get(JAVA_INT, 0) != 0, qop.get(JAVA_INT, 0),
                    MajorStatus.supplementary(Integer.toUnsignedLong(major)));
        } finally {
            ref.release();
        }
    }

    /** {@code gss_get_mic}: a MIC token over {@code message}. */
    public byte[] getMic(int qop, byte[] message) {
        return getMic(qop, ByteBuffer.wrap(message));
    }

    /** As {@link #getMic(int, byte[])} for the bytes {@code message} has remaining (not consumed). */
    public synchronized byte[] getMic(int qop, ByteBuffer message) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment out = call.outBuffer();
            int major = GssNative.getMic(call.minor, NativeCall.handle(h), qop, call.inBuffer(message), out);
            byte[] token = call.takeBuffer(out);
            call.check(major, "gss_get_mic", null);
            return token;
        } finally {
            ref.release();
        }
    }

    /** {@code gss_verify_mic}: checks a MIC token from the peer; fails with {@code GSS_S_BAD_SIG} on mismatch. */
    public VerifyResult verifyMic(byte[] message, byte[] token) {
        return verifyMic(ByteBuffer.wrap(message), ByteBuffer.wrap(token));
    }

    /** As {@link #verifyMic(byte[], byte[])} for the bytes the buffers have remaining (not consumed). */
    public synchronized VerifyResult verifyMic(ByteBuffer message, ByteBuffer token) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment qop = call.intOut();
            int major = GssNative.verifyMic(call.minor, NativeCall.handle(h), call.inBuffer(message),
                    call.inBuffer(token), qop);
            call.check(major, "gss_verify_mic", null);
            return new VerifyResult(qop.get(JAVA_INT, 0), MajorStatus.supplementary(Integer.toUnsignedLong(major)));
        } finally {
            ref.release();
        }
    }

    /** {@code gss_wrap_size_limit}: the largest message whose wrap token fits in {@code maxOutputSize} bytes. */
    public synchronized long wrapSizeLimit(boolean conf, int qop, int maxOutputSize) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment max = call.intOut();
            int major = GssNative.wrapSizeLimit(call.minor, NativeCall.handle(h), conf ? 1 : 0, qop, maxOutputSize,
                    max);
            call.check(major, "gss_wrap_size_limit", null);
            return NativeCall.uint(max);
        } finally {
            ref.release();
        }
    }

    /** {@code gss_inquire_context}: names, lifetime, mechanism, flags, side and state. */
    public ContextInfo inquire() {
        return inquire(true, true);
    }

    /**
     * {@code gss_inquire_context}, asking only for the names wanted ({@link ContextInfo} holds null for the
     * others): each name the library hands out costs MIT two krb5 contexts (describe for the glue, release).
     */
    public synchronized ContextInfo inquire(boolean wantSource, boolean wantTarget) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment src = wantSource ? call.pointer() : MemorySegment.NULL;
            MemorySegment targ = wantTarget ? call.pointer() : MemorySegment.NULL;
            MemorySegment lifetime = call.intOut();
            MemorySegment mech = call.pointer();
            MemorySegment flags = call.intOut();
            MemorySegment local = call.intOut();
            MemorySegment open = call.intOut();
            int major = GssNative.inquireContext(call.minor, NativeCall.handle(h), src, targ, lifetime, mech, flags,
                    local, open);
            GssName source = wantSource ? GssName.adopt(src) : null;
            GssName target = wantTarget ? GssName.adopt(targ) : null;
            Handles.checkOrClose(call, major, "gss_inquire_context", null, source, target);
            return new ContextInfo(source, target, NativeCall.uint(lifetime),
                    NativeCall.readOid(mech.get(ADDRESS, 0)), flags.get(JAVA_INT, 0), local.get(JAVA_INT, 0) != 0,
                    open.get(JAVA_INT, 0) != 0);
        } finally {
            ref.release();
        }
    }

    /** {@code gss_context_time}: seconds the context remains valid; {@code GSS_S_CONTEXT_EXPIRED} once over. */
    public synchronized long contextTime() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment time = call.intOut();
            int major = GssNative.contextTime(call.minor, NativeCall.handle(h), time);
            call.check(major, "gss_context_time", null);
            return NativeCall.uint(time);
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_export_sec_context}: the interprocess token (contains session keys). The library deletes the
     * context, so this object is closed afterwards, also if the export fails after deleting it.
     */
    public synchronized byte[] export() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment slot = call.pointer(h);
            MemorySegment token = call.outBuffer();
            int major = GssNative.exportSecContext(call.minor, slot, token);
            ref.update(NativeCall.address(slot));
            byte[] out = call.takeBuffer(token);
            call.check(major, "gss_export_sec_context", null);
            return out;
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_krb5_export_lucid_sec_context}: the krb5 keys and sequence numbers for a kernel that protects
     * messages itself. The library deletes the context, so this object is closed afterwards.
     */
    public synchronized LucidContext exportLucid(int version) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment slot = call.pointer(h);
            MemorySegment lucid = call.pointer();
            int major = GssNative.krb5ExportLucidSecContext(call.minor, slot, version, lucid);
            ref.update(NativeCall.address(slot));
            MemorySegment lucidPtr = lucid.get(ADDRESS, 0);
            try {
                call.check(major, "gss_krb5_export_lucid_sec_context", Oid.KRB5);
                return LucidReader.read(lucidPtr);
            } finally {
                if (lucidPtr.address() != 0) {
                    GssNative.krb5FreeLucidSecContext(call.intOut(), lucidPtr);
                }
            }
        } finally {
            ref.release();
        }
    }

    public boolean isClosed() {
        return ref.isClosed();
    }

    /** {@code gss_delete_sec_context} (no output token, RFC 2744 section 5.9). Idempotent. */
    @Override
    public synchronized void close() {
        ref.close();
    }

    @Override
    public String toString() {
        return "SecContext[" + (isClosed() ? "closed" : "open") + "]";
    }

    private static void free(long address) {
        try (NativeCall call = new NativeCall()) {
            GssNative.deleteSecContext(call.minor, call.pointer(address), MemorySegment.NULL);
        }
    }
}
