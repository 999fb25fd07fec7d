/**
 * The libc calls gssproxy4j needs through {@code java.lang.foreign}: {@code setenv}/{@code getenv} (to point MIT
 * krb5 at a configuration), peer credentials of AF_UNIX sockets ({@code SO_PEERCRED}, {@code SO_PEERSEC}) and
 * user/group lookups ({@code getpwnam_r}, {@code getpwuid_r}, {@code getgrouplist}), and what taking over a socket
 * systemd passed needs ({@code getsockname}, {@code SO_ACCEPTCONN}, {@code dup3}).
 */
package dev.gssproxy4j.mech.posix;
