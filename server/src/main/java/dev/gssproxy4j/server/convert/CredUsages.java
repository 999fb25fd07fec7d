package dev.gssproxy4j.server.convert;

import dev.gssproxy4j.mech.CredUsage;

/**
 * A credential usage between the protocol's {@code gssx_cred_usage} (1, 2, 3) and the mechanism's RFC 2744
 * {@code gss_cred_usage_t} (0 both, 1 initiate, 2 accept), which the configuration's {@code cred_usage} also names.
 * Upstream converts with {@code gp_conv_gssx_to_cred_usage}/{@code gp_conv_cred_usage_to_gssx}.
 */
public final class CredUsages {

    private CredUsages() {}

    public static CredUsage fromWire(dev.gssproxy4j.protocol.CredUsage usage) {
        return switch (usage) {
            case INITIATE -> CredUsage.INITIATE;
            case ACCEPT -> CredUsage.ACCEPT;
            case BOTH -> CredUsage.BOTH;
        };
    }

    public static dev.gssproxy4j.protocol.CredUsage toWire(CredUsage usage) {
        return switch (usage) {
            case INITIATE -> dev.gssproxy4j.protocol.CredUsage.INITIATE;
            case ACCEPT -> dev.gssproxy4j.protocol.CredUsage.ACCEPT;
            case BOTH -> dev.gssproxy4j.protocol.CredUsage.BOTH;
        };
    }
}
