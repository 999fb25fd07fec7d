package dev.gssproxy4j.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads the {@code [gssproxy]} section (upstream {@code load_config}). Absent section: all defaults. */
final class GlobalSectionParser {

    /** The typed {@code [gssproxy]} options. */
    record Globals(int debugLevel, boolean syslogStatus, Optional<String> runAsUser, int workerThreads,
                   Path keyring, ConnectionSettings connections) {
    }

    /** Upstream reads its global options from the section named exactly this (ding-libs compares case-insensitively). */
    static final String SECTION = "gssproxy";

    private GlobalSectionParser() {
    }

    static Globals parse(Optional<IniSection> section, Problems problems) {
        if (section.isEmpty()) {
            return new Globals(ConfigOption.DEBUG_LEVEL.defaultInteger(), ConfigOption.SYSLOG_STATUS.defaultBoolean(),
                    Optional.empty(), ConfigOption.WORKER_THREADS.defaultInteger(),
                    Path.of(ConfigOption.KEYRING.defaultText().orElseThrow()), ConnectionSettings.DEFAULTS);
        }
        SectionReader r = new SectionReader(section.get(), ConfigOption.Scope.GLOBAL, problems);

        int debugLevel = r.bool(ConfigOption.DEBUG).orElse(ConfigOption.DEBUG.defaultBoolean()) ? 1
                : ConfigOption.DEBUG_LEVEL.defaultInteger();
        Optional<Integer> level = r.integer(ConfigOption.DEBUG_LEVEL);
        if (level.isPresent() && level.get() < 0) {
            r.error(ConfigOption.DEBUG_LEVEL, "must not be negative", "write 0 (off) to 3 (KRB5_TRACE)");
        } else if (level.isPresent()) {
            debugLevel = level.get();
        }

        boolean syslogStatus = r.bool(ConfigOption.SYSLOG_STATUS).orElse(ConfigOption.SYSLOG_STATUS.defaultBoolean());

        Optional<String> runAsUser = r.text(ConfigOption.RUN_AS_USER);
        if (runAsUser.isPresent() && runAsUser.get().isEmpty()) {
            r.error(ConfigOption.RUN_AS_USER, "empty user name", "name a user, or remove the line to stay root");
            runAsUser = Optional.empty();
        }

        int workers = ConfigOption.WORKER_THREADS.defaultInteger();
        Optional<Integer> configured = r.integer(ConfigOption.WORKER_THREADS);
        if (configured.isPresent() && configured.get() < 1) {
            r.warn(ConfigOption.WORKER_THREADS, "less than 1; the default " + workers + " is used, as upstream does",
                    "write a positive number");
        } else if (configured.isPresent()) {
            workers = configured.get();
        }

        Path keyring = Path.of(ConfigOption.KEYRING.defaultText().orElseThrow());
        Optional<String> keyringText = r.text(ConfigOption.KEYRING);
        if (keyringText.isPresent()) {
            keyring = absolutePath(r, ConfigOption.KEYRING, keyringText.get()).orElse(keyring);
        }
        ConnectionSettings connections = new ConnectionSettings(
                atLeast(r, ConfigOption.MAX_CONNECTIONS_PER_UID, 1),
                atLeast(r, ConfigOption.MAX_QUEUED_CALLS_PER_UID, 0),
                Duration.ofSeconds(atLeast(r, ConfigOption.REQUEST_TIMEOUT, 1)),
                Duration.ofSeconds(atLeast(r, ConfigOption.CONNECTION_IDLE_TIMEOUT, 0)));
        return new Globals(debugLevel, syslogStatus, runAsUser, workers, keyring, connections);
    }

    /** A whole number of at least {@code min}, else an error at the option and its default. */
    private static int atLeast(SectionReader r, ConfigOption option, int min) {
        int fallback = option.defaultInteger();
        Optional<Integer> value = r.integer(option);
        if (value.isPresent() && value.get() < min) {
            r.error(option, "must be at least " + min, "write a whole number of at least " + min
                    + " (default " + fallback + ")");
            return fallback;
        }
        return value.orElse(fallback);
    }

    /** An absolute path, or an error at the option. Shared with the service parser for {@code socket}. */
    static Optional<Path> absolutePath(SectionReader r, ConfigOption option, String text) {
        try {
            Path p = Path.of(text);
            if (text.isEmpty() || !p.isAbsolute()) {
                r.error(option, "'" + text + "' is not an absolute path", "write a path starting with /");
                return Optional.empty();
            }
            return Optional.of(p);
        } catch (InvalidPathException e) {
            r.error(option, "'" + text + "' is not a valid path: " + e.getReason(), "write a plain absolute path");
            return Optional.empty();
        }
    }
}
