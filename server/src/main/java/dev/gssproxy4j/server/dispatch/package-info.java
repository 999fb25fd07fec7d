/**
 * From a request record to a reply record: {@link dev.gssproxy4j.server.dispatch.RpcDispatcher} admits the RPC
 * header ({@link dev.gssproxy4j.protocol.Procedure#DESCRIPTOR}: a fault is answered with the reply its
 * {@link dev.gssproxy4j.rpc.RpcException} carries, as upstream answers it), picks the caller's service,
 * decodes the arguments, builds the call ({@link dev.gssproxy4j.server.call.CallContext}, whose credential policy
 * opens on first use with the client environment the procedure honours) and runs the procedure's
 * {@link dev.gssproxy4j.server.dispatch.ProcedureHandler} from the {@link dev.gssproxy4j.server.dispatch.HandlerTable}
 * under one fair permit, closing the call when the handler returns. GSS errors travel inside the result's
 * {@code gssx_status}; exceptions become wire replies in exactly one place,
 * {@link dev.gssproxy4j.server.dispatch.RpcDispatcher}.
 */
package dev.gssproxy4j.server.dispatch;
