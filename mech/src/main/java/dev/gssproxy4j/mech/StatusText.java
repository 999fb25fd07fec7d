package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Renders status codes with {@code gss_display_status} (RFC 2744 section 5.11): every message of the
 * {@code message_context} loop, joined with {@code ", "} as upstream gssproxy does
 * ({@code gp_conv_err_to_gssx_string}). A zero code has no text.
 */
final class StatusText {

    private static final int GSS_C_GSS_CODE = 1;
    private static final int GSS_C_MECH_CODE = 2;
    /** MIT emits at most a handful of messages; stop a misbehaving mechanism from looping forever. */
    private static final int MAX_MESSAGES = 32;

    private StatusText() {
    }

    static GssStatus describe(long major, long minor, Oid mech) {
        return new GssStatus(major, minor, mech, display(major, GSS_C_GSS_CODE, mech),
                display(minor, GSS_C_MECH_CODE, mech));
    }

    private static String display(long code, int type, Oid mech) {
        if (code == 0) {
            return "";
        }
        StringJoiner text = new StringJoiner(", ");
        try (NativeCall call = new NativeCall()) {
            MemorySegment messageContext = call.intOut();
            MemorySegment mechDesc = call.oid(mech);
            for (int i = 0; i < MAX_MESSAGES; i++) {
                MemorySegment buffer = call.outBuffer();
                int major = GssNative.displayStatus(call.minor, (int) code, type, mechDesc, messageContext, buffer);
                byte[] message = call.takeBuffer(buffer);
                if (MajorStatus.isError(Integer.toUnsignedLong(major))) {
                    break;
                }
                text.add(new String(trimNul(message), StandardCharsets.UTF_8));
                if (messageContext.get(JAVA_INT, 0) == 0) {
                    break;
                }
            }
        }
        return text.toString();
    }

    private static byte[] trimNul(byte[] message) {
        int n = message.length;
        while (n > 0 && message[n - 1] == 0) {
            n--;
        }
        return n == message.length ? message : Arrays.copyOf(message, n);
    }
}
