package dev.gssproxy4j.server;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the command line says about a daemon run, with gssproxy's meanings: {@code -c FILE} (the config
 * directory is then skipped unless {@code -C DIR} is given too), {@code -s SOCKET} (the main socket),
 * {@code -d} / {@code --debug-level=N}, {@code --syslog-status}.
 */
public record DaemonOptions(Optional<Path> configFile, Optional<Path> configDir, Optional<Path> socket,
                            OptionalInt debugLevel, boolean syslogStatus) {

    public static DaemonOptions of(Path configFile, Path socket) {
        return new DaemonOptions(Optional.of(configFile), Optional.empty(), Optional.of(socket), OptionalInt.empty(),
                false);
    }
}
