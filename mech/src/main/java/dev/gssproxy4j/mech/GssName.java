package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@code gss_name_t} (RFC 2743 section 2.4). Owns the native name: {@link #close()} calls
 * {@code gss_release_name}; a Cleaner does so as a safety net if the object is dropped unclosed. Thread-safe: MIT
 * names are not modified by the calls offered here, and a close racing a call waits for the call to end.
 */
public final class GssName implements AutoCloseable {

    private final NativeRef ref;

    private GssName(long address) {
        this.ref = new NativeRef(this, "name", address, GssName::free);
    }

    /** Takes ownership of the name in a {@code gss_name_t *} out slot; null if the library left it empty. */
    static GssName adopt(MemorySegment slot) {
        long address = NativeCall.address(slot);
        return address == 0 ? null : new GssName(address);
    }

    /**
     * {@code gss_import_name}: {@code value} interpreted as {@code nameType} (null = mechanism default), once
     * {@link InputChecks#nameValue} has found nothing MIT must not parse.
     */
    static GssName importName(byte[] value, Oid nameType) {
        InputChecks.nameValue(value, nameType);
        try (NativeCall call = new NativeCall()) {
            MemorySegment out = call.pointer();
            int major = GssNative.importName(call.minor, call.inBuffer(value), call.oid(nameType), out);
            GssName name = adopt(out);
            Handles.checkOrClose(call, major, "gss_import_name", null, name);
            return name;
        }
    }

    /** {@code gss_display_name}: the printable text and its name type. */
    public NameDisplay display() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment buffer = call.outBuffer();
            MemorySegment type = call.pointer();
            int major = GssNative.displayName(call.minor, NativeCall.handle(h), buffer, type);
            byte[] text = call.takeBuffer(buffer);
            call.check(major, "gss_display_name", null);
            return new NameDisplay(new String(text, StandardCharsets.UTF_8), NativeCall.readOid(
                    type.get(ADDRESS, 0)));
        } finally {
            ref.release();
        }
    }

    /** {@code gss_canonicalize_name}: a new mechanism name (MN) for {@code mech}. */
    public GssName canonicalize(Oid mech) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment out = call.pointer();
            int major = GssNative.canonicalizeName(call.minor, NativeCall.handle(h), call.oid(mech), out);
            GssName name = adopt(out);
            Handles.checkOrClose(call, major, "gss_canonicalize_name", mech, name);
            return name;
        } finally {
            ref.release();
        }
    }

    /** {@code gss_duplicate_name}: an independent copy. */
    public GssName duplicate() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment out = call.pointer();
            int major = GssNative.duplicateName(call.minor, NativeCall.handle(h), out);
            GssName name = adopt(out);
            Handles.checkOrClose(call, major, "gss_duplicate_name", null, name);
            return name;
        } finally {
            ref.release();
        }
    }

    /**
     * {@code gss_export_name}: the RFC 2743 section 3.2 token ({@code 04 01}, mech OID, name). Fails with
     * {@code GSS_S_NAME_NOT_MN} for a name that is not a mechanism name.
     */
    public byte[] export() {
        return bufferCall("gss_export_name", GssNative::exportName);
    }

    /**
     * {@code gss_export_name_composite} (RFC 6680 section 7.8, MIT token {@code 04 02}); empty when the name is
     * not an MN or the library cannot export composite names, as gssproxy's {@code gp_conv_name_to_gssx} treats it.
     */
    public byte[] exportComposite() {
        try {
            return bufferCall("gss_export_name_composite", GssNative::exportNameComposite);
        } catch (GssException e) {
            MajorStatus s = e.majorStatus();
            if (s == MajorStatus.GSS_S_NAME_NOT_MN || s == MajorStatus.GSS_S_UNAVAILABLE) {
                return new byte[0];
            }
            throw e;
        }
    }

    /** {@code gss_compare_name}: true if both name the same entity. */
    public boolean compare(GssName other) {
        long a = ref.acquire();
        try {
            long b = other.ref.acquire();
            try (NativeCall call = new NativeCall()) {
                MemorySegment equal = call.intOut();
                int major = GssNative.compareName(call.minor, NativeCall.handle(a), NativeCall.handle(b), equal);
                call.check(major, "gss_compare_name", null);
                return equal.get(JAVA_INT, 0) != 0;
            } finally {
                other.ref.release();
            }
        } finally {
            ref.release();
        }
    }

    /** {@code gss_localname}: the local account this name maps to (krb5: auth_to_local rules). */
    public String localname(Oid mech) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment buffer = call.outBuffer();
            int major = GssNative.localname(call.minor, NativeCall.handle(h), call.oid(mech), buffer);
            byte[] text = call.takeBuffer(buffer);
            call.check(major, "gss_localname", mech);
            return new String(text, StandardCharsets.UTF_8);
        } finally {
            ref.release();
        }
    }

    /** {@code gss_inquire_name}: whether this is an MN, its mechanism and its attribute names. */
    public NameInfo inquire() {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment isMn = call.intOut();
            MemorySegment mech = call.pointer();
            MemorySegment attrs = call.pointer();
            int major = GssNative.inquireName(call.minor, NativeCall.handle(h), isMn, mech, attrs);
            List<String> names = call.takeBufferSet(attrs).stream()
                    .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
            Oid mechOid = NativeCall.readOid(mech.get(ADDRESS, 0));
            call.check(major, "gss_inquire_name", null);
            return new NameInfo(isMn.get(JAVA_INT, 0) != 0, mechOid, names);
        } finally {
            ref.release();
        }
    }

    /** {@code gss_get_name_attribute}: every value of {@code attribute}; empty when the name lacks it. */
    public List<NameAttribute> attribute(String attribute) {
        return NameAttributes.get(this, attribute);
    }

    public boolean isClosed() {
        return ref.isClosed();
    }

    /** {@code gss_release_name}. Idempotent. */
    @Override
    public void close() {
        ref.close();
    }

    @Override
    public String toString() {
        return "GssName[" + (isClosed() ? "closed" : "open") + "]";
    }

    NativeRef ref() {
        return ref;
    }

    private byte[] bufferCall(String function, BufferFunction fn) {
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment buffer = call.outBuffer();
            int major = fn.call(call.minor, NativeCall.handle(h), buffer);
            byte[] out = call.takeBuffer(buffer);
            call.check(major, function, null);
            return out;
        } finally {
            ref.release();
        }
    }

    private interface BufferFunction {
        int call(MemorySegment minor, MemorySegment name, MemorySegment buffer);
    }

    private static void free(long address) {
        try (NativeCall call = new NativeCall()) {
            GssNative.releaseName(call.minor, call.pointer(address));
        }
    }
}
