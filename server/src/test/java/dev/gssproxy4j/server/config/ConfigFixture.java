package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes config files into a temporary directory and loads them with {@link FakeUsers}. */
final class ConfigFixture {

    final Path dir;
    final Path confDir;
    final Path main;

    ConfigFixture(Path tempDir) {
        this.dir = tempDir;
        this.confDir = tempDir.resolve("gssproxy");
        this.main = confDir.resolve("gssproxy.conf");
        try {
            Files.createDirectories(confDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code lines} (joined with newlines) to {@code name} in the config directory. */
    Path write(String name, String... lines) {
        Path p = confDir.resolve(name);
        try {
            Files.writeString(p, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    GssProxyConfig load() throws ConfigException {
        return new ConfigLoader(FakeUsers.INSTANCE).load(main, confDir);
    }

    /** Loads only the main file, with the given lines. */
    GssProxyConfig loadMain(String... lines) throws ConfigException {
        write("gssproxy.conf", lines);
        return new ConfigLoader(FakeUsers.INSTANCE).load(main, null);
    }

    ConfigException failMain(String... lines) {
        write("gssproxy.conf", lines);
        return assertThrows(ConfigException.class, () -> new ConfigLoader(FakeUsers.INSTANCE).load(main, null));
    }

    static List<String> messages(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).toList();
    }
}
