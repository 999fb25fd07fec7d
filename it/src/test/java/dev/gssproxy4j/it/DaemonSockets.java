package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.UnixSockets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits until every socket of a daemon accepts connections. {@link Gssproxy4jDaemon#start} and
 * {@link Gssproxy4jDaemon#restart} wait for the main socket only, and the daemon binds its sockets one after the
 * other, so a service's own {@code socket = ...} may not listen yet when they return.
 */
final class DaemonSockets {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private DaemonSockets() {}

    static void awaitAll(Gssproxy4jDaemon daemon, Path... sockets) {
        for (Path socket : sockets) {
            UnixSockets.awaitAccepting(socket, TIMEOUT, daemon::isAlive, daemon::log);
        }
    }
}
