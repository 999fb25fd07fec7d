package dev.gssproxy4j.mech;

import java.util.Set;

/**
 * Output of {@code gss_unwrap} (RFC 2743 section 2.3.4).
 *
 * @param message       the recovered message (owned by the caller)
 * @param confState     true if the token was encrypted
 * @param qop           the quality of protection applied
 * @param supplementary supplementary status bits (e.g. {@code GSS_S_DUPLICATE_TOKEN}), which are not errors
 *                      but which a caller relaying status must pass on
 */
public record UnwrapResult(byte[] message, boolean confState, int qop, Set<MajorStatus> supplementary) {

    public UnwrapResult {
        supplementary = Set.copyOf(supplementary);
    }

    @Override
    public String toString() {
        return "UnwrapResult[message=" + Redact.bytes(message) + ", confState=" + confState + ", qop=" + qop
                + ", supplementary=" + supplementary + "]";
    }
}
