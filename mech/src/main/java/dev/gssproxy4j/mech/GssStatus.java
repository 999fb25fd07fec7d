package dev.gssproxy4j.mech;

import java.util.Optional;
import java.util.Set;

/**
 * A GSS-API status as the daemon reports it in {@code gssx_status}: the raw major and minor codes, the mechanism
 * that produced the minor code, and the text of {@code gss_display_status} for each.
 *
 * <p>The texts are every message of the {@code gss_display_status} loop joined with {@code ", "}, as upstream
 * gssproxy builds them ({@code gp_conv_err_to_gssx_string}); empty when the code is zero.
 *
 * @param major        the 32-bit major status (unsigned)
 * @param minor        the 32-bit minor status (unsigned), a mechanism or errno code
 * @param mech         the mechanism the minor code belongs to, or null when unknown
 * @param majorMessage display text of the major status
 * @param minorMessage display text of the minor status
 */
public record GssStatus(long major, long minor, Oid mech, String majorMessage, String minorMessage) {

    private static final GssStatus COMPLETE = new GssStatus(0, 0, null, "", "");

    public GssStatus {
        major &= 0xffffffffL;
        minor &= 0xffffffffL;
        majorMessage = majorMessage == null ? "" : majorMessage;
        minorMessage = minorMessage == null ? "" : minorMessage;
    }

    /** {@code GSS_S_COMPLETE} with minor 0 and no text. */
    public static GssStatus complete() {
        return COMPLETE;
    }

    /** True for a calling or routine error; supplementary bits alone are not errors. */
    public boolean isError() {
        return MajorStatus.isError(major);
    }

    /** The most significant error (routine, else calling), or {@code GSS_S_COMPLETE}. */
    public MajorStatus primary() {
        return MajorStatus.primary(major);
    }

    public Optional<MajorStatus> routineError() {
        return MajorStatus.routineError(major);
    }

    public Set<MajorStatus> supplementary() {
        return MajorStatus.supplementary(major);
    }

    /**
     * Names and messages, never bare numbers: {@code GSS_S_FAILURE (Unspecified ...; minor: Cannot find KDC ...)}.
     * A minor code the library cannot display (e.g. one it did not produce) is shown labelled, in hex.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(MajorStatus.describe(major));
        String minorText = !minorMessage.isEmpty() || minor == 0 ? minorMessage
                : String.format("code 0x%08x, no text from gss_display_status", minor);
        if (!majorMessage.isEmpty() || !minorText.isEmpty()) {
            sb.append(" (").append(majorMessage);
            if (!minorText.isEmpty()) {
                sb.append(majorMessage.isEmpty() ? "" : "; ").append("minor: ").append(minorText);
            }
            sb.append(')');
        }
        if (mech != null) {
            sb.append(" [mech ").append(mech.toDotted()).append(']');
        }
        return sb.toString();
    }
}
