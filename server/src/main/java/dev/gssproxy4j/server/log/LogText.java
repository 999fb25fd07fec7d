package dev.gssproxy4j.server.log;

/**
 * Makes text safe to write as one log line. Much of what the daemon logs comes from callers (program paths, names,
 * option values, file names in status texts), and a caller must not be able to start a new line (forging, say,
 * {@code New config loaded successfully.}) or drive the admin's terminal with escape sequences. Every character that
 * could do either is written as a visible escape: C0 controls (newline, CR, tab, ESC, ...), DEL and C1 controls as
 * {@code \x0a}, the Unicode line and paragraph separators, the bidirectional embedding, override and isolate
 * controls (which reorder what a viewer shows, "Trojan Source") and unpaired surrogates (which the encoder would
 * turn into {@code ?}) as {@code \u2028}. Everything else, backslashes included, is kept as it is, so plain text is
 * unchanged; text longer than the cap is cut and says how much was left out, so no single line can be made huge.
 */
final class LogText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {}

    /** {@code text} with every unsafe character escaped, cut after about {@code maxChars} characters. */
    static String escape(String text, int maxChars) {
        int first = firstUnsafe(text);
        if (first == text.length() && text.length() <= maxChars) {
            return text; // the usual case: nothing to do, nothing allocated
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (unsafe(c)) {
                escapeChar(out, c);
            } else {
                out.append(c);
            }
        }
        if (i < text.length()) {
            out.append("...[").append(text.length() - i).append(" more chars]");
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (unsafe(c)) {
                return i;
            }
        }
        return text.length();
    }

    /** Whether {@code c}, standing alone (a surrogate here is unpaired), must be escaped. */
    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) // C0, DEL, C1 (NEL 0x85 among them)
                || c == '\u2028' || c == '\u2029' // line and paragraph separators
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') // bidi controls
                || Character.isSurrogate(c);
    }

    private static void escapeChar(StringBuilder out, char c) {
        if (c <= 0xff) {
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else {
            out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                    .append(HEX[c & 0xf]);
        }
    }
}
