package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.ServiceMatcher;

/**
 * One loaded configuration with its matcher: the unit a reload swaps atomically. A call reads the current policy
 * once, when it starts, and keeps it to the end.
 */
public record Policy(GssProxyConfig config, ServiceMatcher matcher) {

    public static Policy of(GssProxyConfig config) {
        return new Policy(config, new ServiceMatcher(config));
    }
}
