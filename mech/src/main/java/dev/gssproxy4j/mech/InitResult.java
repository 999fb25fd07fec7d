package dev.gssproxy4j.mech;

/**
 * Output of one {@code gss_init_sec_context} call (RFC 2743 section 2.2.1).
 *
 * @param major       {@code GSS_S_COMPLETE}, or {@code GSS_S_CONTINUE_NEEDED} when the peer must answer
 * @param context     the context (the one passed in, or a new one on the first call)
 * @param outputToken the token to send to the acceptor; empty if none
 * @param actualMech  the mechanism in use
 * @param retFlags    {@link ContextFlag} bits
 * @param timeRec     seconds the context remains valid (unsigned)
 */
public record InitResult(MajorStatus major, SecContext context, byte[] outputToken, Oid actualMech, int retFlags,
                         long timeRec) {

    public boolean continueNeeded() {
        return major == MajorStatus.GSS_S_CONTINUE_NEEDED;
    }

    @Override
    public String toString() {
        return "InitResult[" + major + ", outputToken=" + Redact.bytes(outputToken) + ", mech=" + actualMech
                + ", flags=" + ContextFlag.of(retFlags) + ", timeRec=" + timeRec + "]";
    }
}
