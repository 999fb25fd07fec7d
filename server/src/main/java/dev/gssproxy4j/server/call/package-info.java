/**
 * What one call carries from the dispatcher to its handler: {@link dev.gssproxy4j.server.call.CallContext} (who
 * called, which service matched, the configuration snapshot, and the call's credential policy, opened on first use).
 */
package dev.gssproxy4j.server.call;
