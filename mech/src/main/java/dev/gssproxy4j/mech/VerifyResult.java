package dev.gssproxy4j.mech;

import java.util.Set;

/**
 * Output of {@code gss_verify_mic} (RFC 2743 section 2.3.2).
 *
 * @param qop           the quality of protection applied
 * @param supplementary supplementary status bits (e.g. {@code GSS_S_UNSEQ_TOKEN}), which are not errors
 */
public record VerifyResult(int qop, Set<MajorStatus> supplementary) {

    public VerifyResult {
        supplementary = Set.copyOf(supplementary);
    }
}
