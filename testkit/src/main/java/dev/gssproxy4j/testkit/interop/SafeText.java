package dev.gssproxy4j.testkit.interop;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Output of daemons and sample programs made fit for assertion messages: upstream gssproxy at debug level 2 and up
 * dumps whole GSSX structures (exported contexts carry session keys, credential handles carry tickets), and the
 * samples print name attributes in hex. Those lines are replaced by a note; everything else is kept, and the text
 * is cut to its last {@code maxChars} characters.
 */
final class SafeText {

    /** An indented {@code GSSX_ARG_...(}/{@code GSSX_RES_...(} dump line of gssproxy's debug log. */
    private static final Pattern STRUCT_DUMP = Pattern.compile("^\\s+GSSX_(ARG|RES)_.*");
    /** A run of 32+ hex digits: token bytes, keys, hashes, PAC buffers. */
    private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{32,}");

    private SafeText() {
    }

    static String forMessage(String text, int maxChars) {
        String safe = text.lines()
                .map(SafeText::redactLine)
                .collect(Collectors.joining("\n"));
        return safe.length() <= maxChars ? safe : "..." + safe.substring(safe.length() - maxChars);
    }

    private static String redactLine(String line) {
        if (STRUCT_DUMP.matcher(line).matches()) {
            return "    [GSSX structure dump omitted, " + line.length() + " chars]";
        }
        return LONG_HEX.matcher(line).replaceAll(m -> "[" + m.group().length() + " hex digits omitted]");
    }
}
