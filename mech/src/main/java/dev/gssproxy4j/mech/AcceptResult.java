package dev.gssproxy4j.mech;

/**
 * Output of one {@code gss_accept_sec_context} call (RFC 2743 section 2.2.2). The caller owns {@code srcName}
 * and {@code delegatedCred}.
 *
 * @param context         the context (the one passed in, or a new one)
 * @param srcName         the authenticated initiator, or null before completion
 * @param mech            the mechanism in use
 * @param outputToken     the token to return to the initiator; empty if none
 * @param retFlags        {@link ContextFlag} bits
 * @param timeRec         seconds the context remains valid (unsigned)
 * @param delegatedCred   the initiator's delegated credential, or null
 * @param continueNeeded  true when the initiator must send another token
 */
public record AcceptResult(SecContext context, GssName srcName, Oid mech, byte[] outputToken, int retFlags,
                           long timeRec, GssCred delegatedCred, boolean continueNeeded) {

    public MajorStatus major() {
        return continueNeeded ? MajorStatus.GSS_S_CONTINUE_NEEDED : MajorStatus.GSS_S_COMPLETE;
    }

    @Override
    public String toString() {
        return "AcceptResult[" + major() + ", outputToken=" + Redact.bytes(outputToken) + ", mech=" + mech
                + ", flags=" + ContextFlag.of(retFlags) + ", timeRec=" + timeRec + ", delegated="
                + (delegatedCred != null) + "]";
    }
}
