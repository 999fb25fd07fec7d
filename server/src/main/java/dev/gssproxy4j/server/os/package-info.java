/**
 * The daemon's glue to the operating system: systemd's readiness protocol and socket activation, the kernel's nfsd
 * upcall switch, and the drop to {@code run_as_user}.
 */
package dev.gssproxy4j.server.os;
