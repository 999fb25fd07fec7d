package dev.gssproxy4j.mech;

/**
 * Output of {@code gss_wrap} (RFC 2743 section 2.3.3).
 *
 * @param token     the wrap token (owned by the caller)
 * @param confState true if confidentiality was applied
 */
public record WrapResult(byte[] token, boolean confState) {

    @Override
    public String toString() {
        return "WrapResult[token=" + Redact.bytes(token) + ", confState=" + confState + "]";
    }
}
