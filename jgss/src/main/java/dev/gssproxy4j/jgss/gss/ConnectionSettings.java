package dev.gssproxy4j.jgss.gss;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link GssProxy} reaches its daemon.
 *
 * @param socket         the daemon's AF_UNIX socket
 * @param maxConnections how many connections calls may use at once; upstream's client library serializes a whole
 *                       process on one socket, which makes every thread wait for the slowest call
 * @param ioTimeout      how long one call may take, and how long a call waits for a free connection
 * @param reconnectWait  after the daemon was reachable once, how long a call keeps trying to connect again while
 *                       it restarts (the socket is missing or refuses connections for that moment)
 */
public record ConnectionSettings(Path socket, int maxConnections, Duration ioTimeout, Duration reconnectWait) {

    /** The socket every gssproxy package listens on. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/lib/gssproxy/default.sock");
    public static final int DEFAULT_MAX_CONNECTIONS = 4;
    /** The most connections one process may hold to the daemon (its per-uid limit is 1,024 by default). */
    public static final int MAX_CONNECTIONS = 256;
    /** Upstream's client library allows 15 s per I/O step ({@code src/client/gpm_common.c}). */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(5);

    public ConnectionSettings {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(ioTimeout, "ioTimeout");
        Objects.requireNonNull(reconnectWait, "reconnectWait");
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException("the GSS-Proxy socket must be an absolute path, got " + socket);
        }
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections must be 1..256, got " + maxConnections);
        }
        if (ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("ioTimeout must be positive, got " + ioTimeout);
        }
        if (reconnectWait.isNegative()) {
            throw new IllegalArgumentException("reconnectWait must not be negative, got " + reconnectWait);
        }
    }

    /** {@code socket} with the default pool size and timeouts. */
    public static ConnectionSettings of(Path socket) {
        return new ConnectionSettings(socket, DEFAULT_MAX_CONNECTIONS, DEFAULT_IO_TIMEOUT, DEFAULT_RECONNECT_WAIT);
    }
}
