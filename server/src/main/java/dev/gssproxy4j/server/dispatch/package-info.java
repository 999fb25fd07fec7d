/**
 * From a request record to a reply record: {@link dev.gssproxy4j.server.dispatch.RpcDispatcher} checks the RPC
 * header (answering header faults at the RPC level exactly as upstream does), picks the caller's service,
 * decodes the arguments and runs the procedure's {@link dev.gssproxy4j.server.dispatch.ProcedureHandler} from the
 * {@link dev.gssproxy4j.server.dispatch.HandlerTable}. GSS errors travel inside the result's {@code gssx_status};
 * exceptions become wire replies in exactly one place, {@link dev.gssproxy4j.server.dispatch.RpcDispatcher}.
 */
package dev.gssproxy4j.server.dispatch;
