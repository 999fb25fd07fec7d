package dev.gssproxy4j.server.config;

import dev.gssproxy4j.mech.CredUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configuration of user mode ({@code serve -u}), built in code as upstream's {@code userproxy_config}: no file
 * is read, and one service, {@code user-proxy}, serves the daemon's own uid on the one socket with the user's own
 * credentials (no {@code cred_store}: MIT's defaults of the daemon's environment, so the user's ccache and
 * {@code KRB5_KTNAME}), any credential usage, refreshed ccaches sent back to the client
 * ({@code allow_client_ccache_sync}), and the option defaults otherwise; two worker threads
 * ({@code GP_USER_PROXY_WORKERS}). Another uid matches no service and is refused.
 */
public final class UserProxyConfig {

    /** Upstream's {@code GP_USER_PROXY_SERVICE}. */
    public static final String SERVICE = "user-proxy";
    /** Upstream's {@code GP_USER_PROXY_WORKERS}. */
    public static final int WORKER_THREADS = 2;

    private UserProxyConfig() {
    }

    /**
     * @param uid        the daemon's own uid, the only one served
     * @param socket     the socket (absolute)
     * @param keyring    where the handle-sealing keys persist
     * @param debugLevel the command line's level, 0 if none
     */
    public static GssProxyConfig of(int uid, Path socket, Path keyring, int debugLevel, boolean syslogStatus) {
        ServiceConfig service = ServiceConfig.builder(SERVICE)
                .euid(uid)
                .mech(Mech.KRB5)
                .socket(socket)
                .credUsage(CredUsage.BOTH)
                .allowClientCcacheSync(true)
                .build();
        return new GssProxyConfig(debugLevel, syslogStatus, Optional.empty(), WORKER_THREADS, keyring, socket,
                List.of(service), List.of(), List.of());
    }
}
