package dev.gssproxy4j.server.call;

import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.ServiceConfig;

/**
 * Everything one call may use: who called, the service their connection matched, the configuration snapshot
 * the call started with (a reload does not change it under a running call), and the daemon's shared resources.
 */
public record CallContext(Caller caller, ServiceConfig service, GssProxyConfig config, long connectionId,
                          ServerResources resources) {

    /** For logs: {@code service 'http', uid 48 (program /usr/sbin/httpd)}. */
    public String describe() {
        return "service '" + service.name() + "', " + caller.describe();
    }
}
