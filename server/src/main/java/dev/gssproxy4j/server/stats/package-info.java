/**
 * What the daemon has done since it started: calls, errors by major status and latency per procedure and service,
 * open connections and cache hit rates ({@link dev.gssproxy4j.server.stats.CallStats}), rendered in the Prometheus
 * text format ({@link dev.gssproxy4j.server.stats.StatsReport}) and served to root only on the admin socket
 * ({@link dev.gssproxy4j.server.stats.StatsSocket}) that {@code gssproxy4j stats} reads.
 */
package dev.gssproxy4j.server.stats;
