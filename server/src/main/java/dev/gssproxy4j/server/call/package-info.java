/**
 * What one call carries from the dispatcher to the handlers: who called and which service matched
 * ({@link dev.gssproxy4j.server.call.CallContext}), the daemon's shared resources
 * ({@link dev.gssproxy4j.server.call.ServerResources}), and the fair permits a request runs under
 * ({@link dev.gssproxy4j.server.call.GssCalls}).
 */
package dev.gssproxy4j.server.call;
