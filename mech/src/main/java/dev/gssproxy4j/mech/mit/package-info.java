/**
 * MIT's private formats that the daemon reads without the library's help, in the one module that knows MIT: the
 * keytab named inside a {@code gss_export_cred} token ({@link dev.gssproxy4j.mech.mit.ExportedCredKeytab}) and the
 * service principal inside an AP-REQ ({@link dev.gssproxy4j.mech.mit.TicketServer}). Both parse bytes the daemon
 * produced or the library already accepted; both are bounds-checked and fail closed.
 */
package dev.gssproxy4j.mech.mit;
