package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gss_get_name_attribute} (RFC 6680 section 7.5): the {@code more} in/out parameter starts at -1 and the
 * call repeats until the library sets it to 0, one value per call.
 */
final class NameAttributes {

    /** A bound on values per attribute, against a mechanism that never clears {@code more}. */
    private static final int MAX_VALUES = 1024;

    private NameAttributes() {
    }

    static List<NameAttribute> get(GssName name, String attribute) {
        NativeRef ref = name.ref();
        long h = ref.acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment attr = call.inBuffer(attribute.getBytes(StandardCharsets.UTF_8));
            MemorySegment authenticated = call.intOut();
            MemorySegment complete = call.intOut();
            MemorySegment more = call.intOut();
            more.set(JAVA_INT, 0, -1);
            List<NameAttribute> values = new ArrayList<>();
            while (more.get(JAVA_INT, 0) != 0 && values.size() < MAX_VALUES) {
                MemorySegment value = call.outBuffer();
                MemorySegment display = call.outBuffer();
                int major = GssNative.getNameAttribute(call.minor, NativeCall.handle(h), attr, authenticated,
                        complete, value, display, more);
                byte[] v = call.takeBuffer(value);
                byte[] d = call.takeBuffer(display);
                if (MajorStatus.routineError(Integer.toUnsignedLong(major))
                        .filter(s -> s == MajorStatus.GSS_S_UNAVAILABLE).isPresent()) {
                    break;
                }
                call.check(major, "gss_get_name_attribute", null);
                values.add(new NameAttribute(authenticated.get(JAVA_INT, 0) != 0, complete.get(JAVA_INT, 0) != 0,
                        v, new String(d, StandardCharsets.UTF_8)));
            }
            return List.copyOf(values);
        } finally {
            ref.release();
        }
    }
}
