package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code gss_cred_id_t} (RFC 2743 section 2.1). Owns the native credential: {@link #close()} calls
 * {@code gss_release_cred}; a Cleaner does so as a safety net. Thread-safe: MIT locks credentials internally, and
 * a close racing a call waits for the call to end. Create credentials through {@link Gss}.
 */
public final class GssCred implements AutoCloseable {

    private final NativeRef ref;

    private GssCred(long address) {
        this.ref = new NativeRef(this, "credential", address, GssCred::free);
    }

    /** Takes ownership of the credential in a {@code gss_cred_id_t *} out slot; null if the library left none. */
    static GssCred adopt(MemorySegment slot) {
        long address = NativeCall.address(slot);
        return address == 0 ? null : new GssCred(address);
    }

    /** {@code gss_inquire_cred}: name, remaining lifetime, usage and mechanisms. */
    public CredInfo inquire() {
        return inquire(this);
    }

    /** {@code gss_inquire_cred} of {@code cred}, or of the default credential when null. */
    static CredInfo inquire(GssCred cred) {
        long h = acquire(cred);
        try (NativeCall call = new NativeCall()) {
            MemorySegment name = call.pointer();
            MemorySegment lifetime = call.intOut();
            MemorySegment usage = call.intOut();
            MemorySegment mechs = call.pointer();
            int major = GssNative.inquireCred(call.minor, NativeCall.handle(h), name, lifetime, usage, mechs);
            GssName n = GssName.adopt(name);
            var oids = call.takeOidSet(mechs);
            Handles.checkOrClose(call, major, "gss_inquire_cred", null, n);
            return new CredInfo(n, NativeCall.uint(lifetime), CredUsage.of(usage.get(JAVA_INT, 0)), oids);
        } finally {
            release(cred);
        }
    }

    /** {@code gss_inquire_cred_by_mech}: the element for {@code mech}. */
    public CredMechInfo inquireByMech(Oid mech) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment name = call.pointer();
            MemorySegment init = call.intOut();
            MemorySegment accept = call.intOut();
            MemorySegment usage = call.intOut();
            int major = GssNative.inquireCredByMech(call.minor, NativeCall.handle(h), call.oid(mech), name, init,
                    accept, usage);
            GssName n = GssName.adopt(name);
            Handles.checkOrClose(call, major, "gss_inquire_cred_by_mech", mech, n);
            return new CredMechInfo(n, NativeCall.uint(init), NativeCall.uint(accept),
                    CredUsage.of(usage.get(JAVA_INT, 0)));
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_export_cred}: MIT's serialization (per mechanism: OID and a mech token). Contains tickets and
     * session keys; the credential stays usable.
     */
    public byte[] export() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment token = call.outBuffer();
            int major = GssNative.exportCred(call.minor, NativeCall.handle(h), token);
            byte[] out = call.takeBuffer(token);
            call.check(major, "gss_export_cred", null);
            return out;
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_store_cred_into}: stores the credential into the cred store (e.g. {@code ccache}); an empty map
     * stores into the defaults.
     */
    public StoreResult storeInto(CredUsage usage, Oid mech, boolean overwrite, boolean makeDefault,
                                 Map<String, String> credStore) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment stored = call.pointer();
            MemorySegment usageStored = call.intOut();
            int major = GssNative.storeCredInto(call.minor, NativeCall.handle(h), usage.value(), call.oid(mech),
                    overwrite ? 1 : 0, makeDefault ? 1 : 0, call.keyValueSet(credStore), stored, usageStored);
            var oids = call.takeOidSet(stored);
            call.check(major, "gss_store_cred_into", mech);
            return new StoreResult(oids, CredUsage.of(usageStored.get(JAVA_INT, 0)));
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_krb5_set_allowable_enctypes}: restricts the krb5 element to {@code enctypes} (RFC 3961 numbers),
     * as gssproxy's {@code krb5_set_allowed_enctype_values} option does.
     */
    public void setAllowableEnctypes(int[] enctypes) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment types = call.allocate(4L * Math.max(1, enctypes.length), 4);
            MemorySegment.copy(enctypes, 0, types, JAVA_INT, 0, enctypes.length);
            int major = GssNative.krb5SetAllowableEnctypes(call.minor, NativeCall.handle(h), enctypes.length, types);
            call.check(major, "gss_krb5_set_allowable_enctypes", Oid.KRB5);
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_set_cred_option(GSS_KRB5_CRED_NO_CI_FLAGS_X)} with an empty buffer: the krb5 element omits the
     * RFC 4121 checksum flags in the authenticator, as gssproxy's {@code krb5_set_no_ci_flags} option does.
     */
    public void setNoCiFlags() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment slot = call.pointer(h);
            int major = GssNative.setCredOption(call.minor, slot, call.oid(Oid.KRB5_CRED_NO_CI_FLAGS_X),
                    call.inBuffer(new byte[0]));
            if (NativeCall.address(slot) != h) {
                // MIT changes the handle only when passed GSS_C_NO_CREDENTIAL; never expected here.
                throw new IllegalStateException("gss_set_cred_option replaced a non-null credential handle");
            }
            call.check(major, "gss_set_cred_option", Oid.KRB5);
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_inquire_cred_by_oid(GSS_KRB5_GET_CRED_IMPERSONATOR)}: the principal that obtained this credential
     * by S4U2Self (protocol transition), or empty for an ordinary credential. Upstream gssproxy's
     * {@code gp_cred_allowed} uses it to keep impersonated credentials from reaching other services.
     */
    public Optional<String> impersonator() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment set = call.pointer(0);
            int major = GssNative.inquireCredByOid(call.minor, NativeCall.handle(h),
                    call.oid(Oid.KRB5_GET_CRED_IMPERSONATOR), set);
            List<byte[]> values = call.takeBufferSet(set);
            call.check(major, "gss_inquire_cred_by_oid", Oid.KRB5);
            return values.isEmpty() || values.get(0).length == 0 ? Optional.empty()
                    : Optional.of(new String(values.get(0), java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            ref.release();
        }
    }

    public boolean isClosed() {
        return ref.isClosed();
    }

    /** {@code gss_release_cred}. Idempotent. */
    @Override
    public void close() {
        ref.close();
    }

    @Override
    public String toString() {
        return "GssCred[" + (isClosed() ? "closed" : "open") + "]";
    }

    /** The address of {@code cred} pinned for a call, or 0 for {@code GSS_C_NO_CREDENTIAL}. */
    static long acquire(GssCred cred) {
        return cred == null ? 0 : cred.ref.acquire();
    }

    /** Ends a call started with {@link #acquire(GssCred)}. */
    static void release(GssCred cred) {
        if (cred != null) {
            cred.ref.release();
        }
    }

    private static void free(long address) {
        try (NativeCall call = new NativeCall()) {
            GssNative.releaseCred(call.minor, call.pointer(address));
        }
    }
}
