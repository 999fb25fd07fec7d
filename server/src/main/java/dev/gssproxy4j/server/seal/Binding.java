package dev.gssproxy4j.server.seal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who a sealed handle belongs to. It is authenticated as GCM associated data, never stored in the handle: a handle
 * opens only for the same service section, the same caller uid and the same target uid it was sealed for.
 *
 * @param service   the gssproxy.conf service section name that matched the caller (e.g. {@code nfs-server})
 * @param callerUid the caller's uid from SO_PEERCRED, as an unsigned 32-bit value
 * @param targetUid the uid a trusted caller acts for, or {@link #NO_TARGET}
 */
public record Binding(String service, int callerUid, int targetUid) {

    /** {@code (uid_t) -1}: never a real uid, so it cannot collide with a trusted caller's target. */
    public static final int NO_TARGET = -1;

    /** Longest service name, in UTF-8 bytes, that a binding accepts. */
    public static final int MAX_SERVICE_BYTES = 1024;

    public Binding {
        Objects.requireNonNull(service, "service");
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(service)) {
            // An unpaired surrogate would encode as '?', so two different names would bind the same handle.
            throw new IllegalArgumentException("binding service name is not well-formed Unicode; pass the service"
                    + " section name from gssproxy.conf");
        }
        int length = service.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_SERVICE_BYTES) {
            throw new IllegalArgumentException("binding service name must be 1.." + MAX_SERVICE_BYTES
                    + " UTF-8 bytes, got " + length + "; pass the service section name from gssproxy.conf");
        }
    }

    /** A binding for a caller acting for itself. */
    public static Binding of(String service, int callerUid) {
        return new Binding(service, callerUid, NO_TARGET);
    }

    /**
     * The unambiguous encoding that goes into the associated data: BE16 length of the UTF-8 service name, the
     * name, BE32 caller uid, BE32 target uid. The length prefix keeps {@code ("ab", 1)} and {@code ("a", ...)}
     * apart, and the fixed-width uids keep the tail unambiguous.
     */
    byte[] encode() {
        byte[] name = service.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length + 10);
        out.write(name.length >>> 8);
        out.write(name.length);
        out.writeBytes(name);
        writeInt(out, callerUid);
        writeInt(out, targetUid);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    @Override
    public String toString() {
        return "Binding[service=" + service + ", callerUid=" + Integer.toUnsignedString(callerUid) + ", targetUid="
                + (targetUid == NO_TARGET ? "none" : Integer.toUnsignedString(targetUid)) + "]";
    }
}
