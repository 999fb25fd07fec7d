/**
 * Errors of the daemon's own making: {@link dev.gssproxy4j.server.error.GssErrors} builds them (major status,
 * {@link dev.gssproxy4j.server.error.Errno} minor, explanation), everything below the dispatcher throws them, and
 * the dispatcher alone turns them into {@code gssx_status} with their display text. Knows nothing of calls.
 */
package dev.gssproxy4j.server.error;
