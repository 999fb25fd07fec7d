package dev.gssproxy4j.client;

import dev.gssproxy4j.protocol.GssNames;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;

/**
 * Human-readable GSS statuses for messages and logs: major status names of RFC 2744 section 3.9.1 and the
 * server's own status strings (which upstream fills from {@code gss_display_status}). Status strings are not
 * secrets, but they come from the server: control characters are replaced and the text is capped.
 */
public final class GssStatusText {

    private static final int MAX_SERVER_TEXT = 300;

    /** {@code GSS_S_CONTINUE_NEEDED}: the only supplementary bit that is part of a normal exchange. */
    public static final long CONTINUE_NEEDED = 1;

    private GssStatusText() {}

    /** E.g. {@code GSS_S_COMPLETE}, {@code GSS_S_DEFECTIVE_TOKEN}, {@code GSS_S_FAILURE|GSS_S_OLD_TOKEN}. */
    public static String majorName(long major) {
        return GssNames.major(major);
    }

    /** Whether {@code major} has a calling or routine error (RFC 2744 {@code GSS_ERROR()}), or stray high bits. */
    public static boolean isError(long major) {
        return (major & ~0xffffL) != 0;
    }

    /**
     * E.g. {@code GSS_S_FAILURE (major 0xd0000), mech 1.2.840.113554.1.2.2 (krb5), minor 0x96c73a22:
     * "Unspecified GSS failure. ..." / "Request is a replay"}.
     */
    public static String describe(GssxStatus status) {
        StringBuilder text = new StringBuilder(majorName(status.majorStatus()))
                .append(" (major 0x").append(Long.toHexString(status.majorStatus())).append(')');
        if (!status.mech().isEmpty()) {
            text.append(", mech ").append(Oids.describe(status.mech()));
        }
        text.append(", minor 0x").append(Long.toHexString(status.minorStatus()));
        String major = serverText(status.majorStatusString().toText());
        String minor = serverText(status.minorStatusString().toText());
        if (!major.isEmpty() || !minor.isEmpty()) {
            text.append(": \"").append(major).append("\" / \"").append(minor).append('"');
        }
        return text.toString();
    }

    private static String serverText(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_SERVER_TEXT ? clean : clean.substring(0, MAX_SERVER_TEXT) + "...";
    }

}
