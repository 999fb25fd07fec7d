package dev.gssproxy4j.protocol.dump;

import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssNames;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.xdr.Opaque;

/** Renders leaf values for the dumper. Anything not known to be display text or an OID is hidden by default. */
final class WireText {

    private WireText() {}

    static String opaque(Opaque value, Display display, boolean showSecrets) {
        return switch (display) {
            case TEXT -> "<" + value.length() + "> " + quoted(value);
            case OID -> "<" + value.length() + "> " + Oids.describe(value);
            case OPTION_VALUE -> isPrintable(value)
                    ? "<" + value.length() + "> " + quoted(value) : hidden(value, showSecrets);
            default -> hidden(value, showSecrets);
        };
    }

    /** {@code <N bytes #hash>}, or with show-secrets {@code <N> hex}; {@code <0 bytes>} when empty. */
    static String hidden(Opaque value, boolean showSecrets) {
        if (value.isEmpty() || !showSecrets) {
            return value.toString();
        }
        return "<" + value.length() + "> " + value.toHex();
    }

    /** Printable ASCII, optionally with one trailing NUL (how C peers send strings); the empty value counts. */
    static boolean isPrintable(Opaque value) {
        int length = value.endsWithNul() ? value.length() - 1 : value.length();
        for (int i = 0; i < length; i++) {
            int b = value.byteAt(i) & 0xff;
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Double-quoted, with {@code \0} for NUL, {@code \"} and {@code \\}, and {@code \xNN} for other bytes. */
    static String quoted(Opaque value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            int b = value.byteAt(i) & 0xff;
            if (b == 0) {
                text.append("\\0");
            } else if (b == '"' || b == '\\') {
                text.append('\\').append((char) b);
            } else if (b >= 0x20 && b <= 0x7e) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return text.append('"').toString();
    }

    static String number(long value, Display display) {
        return switch (display) {
            case MAJOR_STATUS -> "0x" + Long.toHexString(value) + " " + GssNames.major(value);
            case CTX_FLAGS -> value == 0 ? "0x0" : "0x" + Long.toHexString(value) + " " + GssNames.flags(value);
            default -> Long.compareUnsigned(value, 10) < 0 ? Long.toUnsignedString(value)
                    : Long.toUnsignedString(value) + " (0x" + Long.toHexString(value) + ")";
        };
    }
}
