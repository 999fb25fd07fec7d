package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredUsage;

/**
 * The three spellings of a credential usage: the protocol's {@code gssx_cred_usage} (1, 2, 3), the mechanism's
 * RFC 2744 {@code gss_cred_usage_t} (0 both, 1 initiate, 2 accept) and the configuration's {@code cred_usage}.
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

    public static CredUsage fromConfig(dev.gssproxy4j.server.config.CredUsage usage) {
        return CredUsage.of(usage.gssValue());
    }
}
