/**
 * The daemon's composition: {@link dev.gssproxy4j.server.Daemon} builds the transport, dispatcher, handlers and shared
 * resources from a configuration and runs them (system daemon or, with {@link dev.gssproxy4j.server.UserProxy}, a
 * user's own). Nothing outside this package depends on it.
 */
package dev.gssproxy4j.server;
