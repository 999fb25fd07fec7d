package dev.gssproxy4j.server.seal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who a sealed handle belongs to. It is authenticated as GCM associated data, never stored in the handle: a handle
 * opens only for the same scope, the same caller uid and the same target uid it was sealed for.
 *
 * @param scope     what the handle unlocks, e.g. the credential store it was made from (see
 *                  {@code server.creds.StoreScope}), so that any service of the uid with the same store may open it
 * @param callerUid the caller's uid from SO_PEERCRED, as an unsigned 32-bit value
 * @param targetUid the uid a trusted caller acts for, or {@link #NO_TARGET}
 */
public record Binding(String scope, int callerUid, int targetUid) {

    /** {@code (uid_t) -1}: never a real uid, so it cannot collide with a trusted caller's target. */
    public static final int NO_TARGET = -1;

    /** Longest scope, in UTF-8 bytes, that a binding accepts. */
    public static final int MAX_SERVICE_BYTES = 1024;

    public Binding {
        Objects.requireNonNull(scope, "scope");
        // Checked on every call that opens or seals a handle, so without allocating: an unpaired surrogate would
        // encode as '?', so two different names would bind the same handle.
        int length = utf8Length(scope);
        if (length < 0) {
            throw new IllegalArgumentException("binding scope is not well-formed Unicode");
        }
        if (length == 0 || length > MAX_SERVICE_BYTES) {
            throw new IllegalArgumentException("binding scope must be 1.." + MAX_SERVICE_BYTES
                    + " UTF-8 bytes, got " + length);
        }
    }

    /** The UTF-8 length of {@code text}, or -1 if it has an unpaired surrogate (it is not well-formed UTF-16). */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                return -1;
            }
        }
        return bytes;
    }

    /** A binding for a caller acting for itself. */
    public static Binding of(String scope, int callerUid) {
        return new Binding(scope, callerUid, NO_TARGET);
    }

    /**
     * The unambiguous encoding that goes into the associated data: BE16 length of the UTF-8 scope, the
     * name, BE32 caller uid, BE32 target uid. The length prefix keeps {@code ("ab", 1)} and {@code ("a", ...)}
     * apart, and the fixed-width uids keep the tail unambiguous.
     */
    byte[] encode() {
        byte[] name = scope.getBytes(StandardCharsets.UTF_8);
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
        return "Binding[scope=" + scope + ", callerUid=" + Integer.toUnsignedString(callerUid) + ", targetUid="
                + (targetUid == NO_TARGET ? "none" : Integer.toUnsignedString(targetUid)) + "]";
    }
}
