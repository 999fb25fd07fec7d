package dev.gssproxy4j.server.config;

import java.time.Duration;

/**
 * gssproxy4j's connection limits from the {@code [gssproxy]} section (upstream has none and ignores the keys, so a
 * file shared with it stays usable). They are read at start-up; a reload keeps the ones the daemon started with.
 *
 * @param maxConnectionsPerUid open connections one uid other than root may hold
 * @param maxQueuedCallsPerUid calls of one uid that may wait for a GSS worker before more are refused
 * @param requestTimeout       how long a begun request may take to arrive whole, and a reply to be read
 * @param idleTimeout          how long a connection may stay without requests; zero keeps it, as upstream does
 */
public record ConnectionSettings(int maxConnectionsPerUid, int maxQueuedCallsPerUid, Duration requestTimeout,
                                 Duration idleTimeout) {

    public static final ConnectionSettings DEFAULTS = new ConnectionSettings(
            ConfigOption.MAX_CONNECTIONS_PER_UID.defaultInteger(), ConfigOption.MAX_QUEUED_CALLS_PER_UID.defaultInteger(),
            Duration.ofSeconds(ConfigOption.REQUEST_TIMEOUT.defaultInteger()),
            Duration.ofSeconds(ConfigOption.CONNECTION_IDLE_TIMEOUT.defaultInteger()));
}
