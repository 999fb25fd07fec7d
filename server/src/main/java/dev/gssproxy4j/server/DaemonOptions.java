package dev.gssproxy4j.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the command line says about a daemon run, with gssproxy's meanings: {@code -c FILE} (the config
 * directory is then skipped unless {@code -C DIR} is given too), {@code -s SOCKET} (the main socket),
 * {@code -d} / {@code --debug-level=N}, {@code --syslog-status}, {@code -u} (user mode: no configuration files,
 * one built-in service for the daemon's own uid, see {@link UserProxy}) and {@code --idle-timeout=S} (user mode
 * started by socket activation only: stop after that long without a request; 0 never stops).
 */
public record DaemonOptions(Optional<Path> configFile, Optional<Path> configDir, Optional<Path> socket,
                            OptionalInt debugLevel, boolean syslogStatus, boolean userProxy, Duration idleTimeout) {

    /** Upstream's {@code --idle-timeout} default, 1000 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(1000);

    public DaemonOptions {
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("--idle-timeout must be 0 (never) or a number of seconds, not "
                    + idleTimeout.toSeconds());
        }
    }

    /** The system daemon ({@code serve} without {@code -u}). */
    public DaemonOptions(Optional<Path> configFile, Optional<Path> configDir, Optional<Path> socket,
                         OptionalInt debugLevel, boolean syslogStatus) {
        this(configFile, configDir, socket, debugLevel, syslogStatus, false, DEFAULT_IDLE_TIMEOUT);
    }

    public static DaemonOptions of(Path configFile, Path socket) {
        return new DaemonOptions(Optional.of(configFile), Optional.empty(), Optional.of(socket), OptionalInt.empty(),
                false);
    }
}
