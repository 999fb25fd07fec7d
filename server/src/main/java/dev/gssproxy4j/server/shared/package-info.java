/**
 * What every call shares and a reload does not replace ({@link dev.gssproxy4j.server.shared.ServerResources}): the
 * mechanism library, the handle sealer, the user directory, the caches and the permits requests run under. It knows
 * nothing of calls, so the per-call types above it ({@code call}, {@code creds}) may both use it.
 */
package dev.gssproxy4j.server.shared;
