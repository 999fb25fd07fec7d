package dev.gssproxy4j.protocol;

import java.util.ArrayList;
import java.util.List;

/** Display names of GSS major status codes (RFC 2744 section 3.9.1) and context flags (section 5.19). */
public final class GssNames {

    private static final String[] CALLING_ERRORS = {null, "CALL_INACCESSIBLE_READ", "CALL_INACCESSIBLE_WRITE",
        "CALL_BAD_STRUCTURE"};
    private static final String[] ROUTINE_ERRORS = {null, "BAD_MECH", "BAD_NAME", "BAD_NAMETYPE", "BAD_BINDINGS",
        "BAD_STATUS", "BAD_MIC", "NO_CRED", "NO_CONTEXT", "DEFECTIVE_TOKEN", "DEFECTIVE_CREDENTIAL",
        "CREDENTIALS_EXPIRED", "CONTEXT_EXPIRED", "FAILURE", "BAD_QOP", "UNAUTHORIZED", "UNAVAILABLE",
        "DUPLICATE_ELEMENT", "NAME_NOT_MN", "BAD_MECH_ATTR"};
    private static final String[] SUPPLEMENTARY = {"CONTINUE_NEEDED", "DUPLICATE_TOKEN", "OLD_TOKEN",
        "UNSEQ_TOKEN", "GAP_TOKEN"};
    /** Bit i of the flags is FLAGS[i]; MIT extensions included. */
    private static final String[] FLAGS = {"DELEG", "MUTUAL", "REPLAY", "SEQUENCE", "CONF", "INTEG", "ANON",
        "PROT_READY", "TRANS", null, null, "CHANNEL_BOUND", "DCE_STYLE", "IDENTIFY", "EXTENDED_ERROR",
        "DELEG_POLICY"};

    private GssNames() {}

    /** E.g. {@code GSS_S_COMPLETE}, {@code GSS_S_DEFECTIVE_TOKEN}, {@code GSS_S_FAILURE|GSS_S_CONTINUE_NEEDED}. */
    public static String major(long major) {
        if (major == 0) {
            return "GSS_S_COMPLETE";
        }
        List<String> parts = new ArrayList<>();
        int calling = (int) ((major >>> 24) & 0xff);
        int routine = (int) ((major >>> 16) & 0xff);
        if (calling != 0) {
            parts.add(named(CALLING_ERRORS, calling, "calling error "));
        }
        if (routine != 0) {
            parts.add(named(ROUTINE_ERRORS, routine, "routine error "));
        }
        for (int bit = 0; bit < 16; bit++) {
            if ((major & (1L << bit)) != 0) {
                parts.add(bit < SUPPLEMENTARY.length ? "GSS_S_" + SUPPLEMENTARY[bit] : "supplementary bit " + bit);
            }
        }
        if ((major >>> 32) != 0) {
            parts.add("bits above 32: 0x" + Long.toHexString(major >>> 32));
        }
        return String.join("|", parts);
    }

    private static String named(String[] names, int code, String unknown) {
        return code < names.length && names[code] != null ? "GSS_S_" + names[code] : unknown + code;
    }

    /** E.g. {@code MUTUAL|REPLAY|CONF}; empty for 0. */
    public static String flags(long flags) {
        List<String> parts = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((flags & (1L << bit)) != 0) {
                parts.add(bit < FLAGS.length && FLAGS[bit] != null ? FLAGS[bit] : "0x" + Long.toHexString(1L << bit));
            }
        }
        return String.join("|", parts);
    }
}
