package dev.gssproxy4j.server.config;

import java.nio.file.Path;

/**
 * Every built-in file system location of the daemon, in one place. Option defaults live in {@link ConfigOption}.
 *
 * <p>The values are those of a distribution build of upstream gssproxy ({@code --sysconfdir=/etc},
 * {@code --localstatedir=/var}), so gssproxy4j is a drop-in replacement.
 */
public final class Defaults {

    /** Main configuration file, upstream {@code PUBCONF_PATH "/gssproxy.conf"}. */
    public static final Path MAIN_CONFIG = Path.of("/etc/gssproxy/gssproxy.conf");

    /** Directory whose {@code NN-*.conf} snippets are added, upstream {@code PUBCONF_PATH}. */
    public static final Path CONFIG_DIR = Path.of("/etc/gssproxy");

    /** Socket of every service without its own {@code socket}, upstream {@code GP_SOCKET_NAME} (-s overrides). */
    public static final Path MAIN_SOCKET = Path.of("/var/lib/gssproxy/default.sock");

    /**
     * Socket the Linux kernel (nfsd, {@code net/sunrpc/auth_gss/gss_rpc_upcall.c}) connects to. It is
     * {@code /var/run/gssproxy.sock}, which is {@code /run/gssproxy.sock} on every current distribution.
     */
    public static final Path KERNEL_SOCKET = Path.of("/run/gssproxy.sock");

    /** gssproxy4j addition: where the keys that seal credential and context handles persist across restarts. */
    public static final Path KEYRING = Path.of("/var/lib/gssproxy/gssproxy4j.keyring");

    private Defaults() {
    }
}
