package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A whole, validated configuration: the {@code [gssproxy]} options, the services in match order, and what the
 * load noticed. Immutable, so a reload builds a new one and swaps it in one step (upstream's SIGHUP keeps
 * pointers into the old config; this cannot).
 *
 * @param debugLevel    effective level: {@code debug_level}, else 1 if {@code debug} is true, else 0 (upstream
 *                      {@code load_config}); the command line may raise it
 * @param syslogStatus  log each failed call's GSS status (syslog_status, --syslog-status)
 * @param runAsUser     user to drop privileges to after the sockets are bound
 * @param workerThreads worker thread count, at least 1
 * @param keyring       gssproxy4j: file with the handle-sealing keys
 * @param mainSocket    socket of services without their own ({@code -s}, default {@link Defaults#MAIN_SOCKET})
 * @param services      services in config order, which is match order (first match wins)
 * @param sources       files read, in order
 * @param warnings      problems that did not stop the load; never printed by the parser itself
 * @param connections   gssproxy4j's connection limits
 */
public record GssProxyConfig(
        int debugLevel,
        boolean syslogStatus,
        Optional<String> runAsUser,
        int workerThreads,
        Path keyring,
        Path mainSocket,
        List<ServiceConfig> services,
        List<Path> sources,
        List<ConfigProblem> warnings,
        ConnectionSettings connections) {

    public GssProxyConfig {
        Objects.requireNonNull(runAsUser, "runAsUser");
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(mainSocket, "mainSocket");
        if (!mainSocket.isAbsolute()) { // callers are matched by absolute socket paths (ConfigLoader.requireAbsoluteSocket)
            throw new IllegalArgumentException("the main socket must be an absolute path: " + mainSocket);
        }
        services = List.copyOf(services);
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(connections, "connections");
    }

    /** A configuration with the default connection limits. */
    public GssProxyConfig(int debugLevel, boolean syslogStatus, Optional<String> runAsUser, int workerThreads,
                          Path keyring, Path mainSocket, List<ServiceConfig> services, List<Path> sources,
                          List<ConfigProblem> warnings) {
        this(debugLevel, syslogStatus, runAsUser, workerThreads, keyring, mainSocket, services, sources, warnings,
                ConnectionSettings.DEFAULTS);
    }

    /** The same configuration with other connection limits. */
    public GssProxyConfig withConnections(ConnectionSettings settings) {
        return new GssProxyConfig(debugLevel, syslogStatus, runAsUser, workerThreads, keyring, mainSocket, services,
                sources, warnings, settings);
    }

    /** The same configuration with another main socket ({@code -s SOCKET}). */
    public GssProxyConfig withMainSocket(Path socket) {
        return new GssProxyConfig(debugLevel, syslogStatus, runAsUser, workerThreads, keyring, socket, services,
                sources, warnings, connections);
    }

    /** The same configuration with the command line's debug level ({@code -d}, {@code --debug-level}). */
    public GssProxyConfig withDebugLevel(int level) {
        return new GssProxyConfig(level, syslogStatus, runAsUser, workerThreads, keyring, mainSocket, services,
                sources, warnings, connections);
    }

    /** The same configuration with failed calls' statuses logged ({@code --syslog-status}). */
    public GssProxyConfig withSyslogStatus() {
        return new GssProxyConfig(debugLevel, true, runAsUser, workerThreads, keyring, mainSocket, services,
                sources, warnings, connections);
    }

    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every distinct socket to listen on: the main one first, then each service's own, in config order. */
    public List<Path> sockets() {
        return Stream.concat(Stream.of(mainSocket),
                services.stream().map(s -> s.effectiveSocket(mainSocket))).distinct().toList();
    }
}
