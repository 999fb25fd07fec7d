package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and validates a configuration: sources ({@link ConfigSources}), typed sections
 * ({@code GlobalSectionParser}, {@code ServiceSectionParser}), then {@link ConfigValidator}. Either every step
 * succeeds and a complete {@link GssProxyConfig} is returned, or one {@link ConfigException} lists every error; a
 * caller that reloads keeps its old configuration in that case (upstream's SIGHUP does the same).
 */
public final class ConfigLoader {

    private final UserDirectory users;

    public ConfigLoader(UserDirectory users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /** With the local {@code /etc/passwd} and {@code /etc/group}. */
    public ConfigLoader() {
        this(UserDirectory.system());
    }

    /**
     * The config directory to use for the command line's {@code -c FILE} and {@code -C DIR} (upstream
     * {@code read_config}): {@code -C} if given; otherwise {@link Defaults#CONFIG_DIR} unless {@code -c} was given,
     * because {@code -c FILE} alone means "only this file".
     */
    public static Optional<Path> confDirFor(Optional<Path> cliFile, Optional<Path> cliDir) {
        if (cliDir.isPresent()) {
            return cliDir;
        }
        return cliFile.isPresent() ? Optional.empty() : Optional.of(Defaults.CONFIG_DIR);
    }

    /**
     * Refuses a relative socket path given as command-line {@code option} (e.g. {@code -s rel/gp.sock}), with the
     * fix. The daemon would listen on it, but a connection carries the absolute path of the socket it came in on,
     * so no service would ever match; upstream gssproxy {@code chdir}s to / before binding, so a relative socket
     * lands under /, where no client looks, or fails to bind. A service's {@code socket =} is refused the same way
     * when its section is parsed, so the daemon and check-config agree.
     *
     * @throws IllegalArgumentException with a one-line message naming {@code option} and the absolute path meant
     */
    public static Path requireAbsoluteSocket(String option, Path socket) {
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException(option + " " + socket + ": the socket must be an absolute path; give"
                    + " its full path, e.g. " + option + " " + socket.toAbsolutePath().normalize());
        }
        return socket;
    }

    /** {@link #load(Path, Path)} with the command line's {@code -c}/{@code -C}, applying {@link #confDirFor}. */
    public GssProxyConfig load(Optional<Path> cliFile, Optional<Path> cliDir) throws ConfigException {
        return load(cliFile.orElse(Defaults.MAIN_CONFIG), confDirFor(cliFile, cliDir).orElse(null));
    }

    /**
     * Loads {@code mainFile} and, if {@code confDirOrNull} is not null, that directory's {@code NN-*.conf}
     * snippets. The main socket is {@link Defaults#MAIN_SOCKET}; use {@link GssProxyConfig#withMainSocket} for
     * {@code -s}.
     */
    public GssProxyConfig load(Path mainFile, Path confDirOrNull) throws ConfigException {
        return load(mainFile, confDirOrNull, Defaults.MAIN_SOCKET);
    }

    /**
     * As {@link #load(Path, Path)} with the main socket given, so validation compares against the right one.
     *
     * @throws IllegalArgumentException if {@code mainSocket} is relative ({@link #requireAbsoluteSocket})
     */
    public GssProxyConfig load(Path mainFile, Path confDirOrNull, Path mainSocket) throws ConfigException {
        requireAbsoluteSocket("-s", mainSocket);
        Problems problems = new Problems();
        ConfigSources sources = ConfigSources.read(mainFile, confDirOrNull, problems);
        problems.throwIfErrors();

        GlobalSectionParser.Globals g = GlobalSectionParser.parse(sources.sections().stream()
                .filter(s -> s.hasName(GlobalSectionParser.SECTION)).findFirst(), problems);
        List<ServiceConfig> services = new ArrayList<>();
        for (IniSection section : sources.sections()) {
            if (ServiceSectionParser.isService(section)) {
                services.add(ServiceSectionParser.parse(section, users, problems));
            } else if (!section.hasName(GlobalSectionParser.SECTION)) {
                problems.warn(section.location(), "section ignored: only [gssproxy] and [service/NAME] are read"
                        + (section.name().toLowerCase(Locale.ROOT).startsWith(ServiceSectionParser.PREFIX)
                                ? " (the 'service/' prefix is case-sensitive)" : ""),
                        section.line() == 0 ? "put these keys under a section header" : "");
            }
        }
        GssProxyConfig parsed = new GssProxyConfig(g.debugLevel(), g.syslogStatus(), g.runAsUser(),
                g.workerThreads(), g.keyring(), mainSocket, services, sources.files(), List.of())
                .withConnections(g.connections());
        // Validate even if some values were rejected, so one run reports every problem.
        ConfigValidator.validate(parsed, users, problems);
        problems.throwIfErrors();
        return new GssProxyConfig(parsed.debugLevel(), parsed.syslogStatus(), parsed.runAsUser(),
                parsed.workerThreads(), parsed.keyring(), mainSocket, services, sources.files(),
                problems.warnings()).withConnections(parsed.connections());
    }
}
