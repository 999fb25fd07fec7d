/**
 * The arguments ({@code gssx_arg_*}) and results ({@code gssx_res_*}) of the 15 GSS-Proxy procedures, one record
 * each, named after the procedure ({@code ArgAcceptSecContext}, {@code ResAcceptSecContext}). Components are in
 * wire order and named like the {@code gss_proxy.x} fields. Optional fields ({@code type *field}) are
 * {@link java.util.Optional}s; typed holes are kept verbatim.
 */
package dev.gssproxy4j.protocol.proc;
