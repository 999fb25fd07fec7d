package dev.gssproxy4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.ConfigException;
import dev.gssproxy4j.server.config.ConfigExplainer;
import dev.gssproxy4j.server.config.ConfigLoader;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.UserDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The configuration pipeline as {@code gssproxy4j check-config -c FILE -C DIR} runs it: read, parse (INI),
 * typed sections, validation, then the explanation text with a caller matched against the services. A
 * configuration may load or be refused with a {@link ConfigException}; nothing else may escape.
 */
class ConfigFuzzTest {

    /** A line of its own that starts the next conf.d snippet (the text before the first is the main file). */
    static final String SNIPPET_MARK = "\n##conf.d##\n";
    private static final int MAX_SNIPPETS = 3;

    private static final Path DIR = tempDir();
    private static final Path MAIN = DIR.resolve("gssproxy.conf");
    private static final Path CONF_D = DIR.resolve("conf.d");
    private static final UserDirectory USERS = new FixedUsers();
    private static final Caller CALLER = Caller.of(48, 48, 4242, Path.of("/usr/sbin/httpd"), null,
            Path.of("/var/lib/gssproxy/default.sock"));

    /**
     * Input: the main configuration file; each {@link #SNIPPET_MARK} line starts a snippet {@code NN-fuzz.conf}
     * of the config directory (at most three: later marks stay text of the third). Bytes go to disk unchanged, so
     * invalid UTF-8 is exercised as well.
     */
    @FuzzTest
    void loadConfig(byte[] input) throws IOException {
        List<byte[]> files = split(input);
        Files.write(MAIN, files.getFirst());
        for (int i = 1; i < files.size(); i++) {
            Files.write(snippet(i), files.get(i));
        }
        for (int i = files.size(); i <= MAX_SNIPPETS; i++) {
            Files.deleteIfExists(snippet(i));
        }
        Path confDir = files.size() > 1 ? CONF_D : null;

        GssProxyConfig config;
        try {
            config = new ConfigLoader(USERS).load(MAIN, confDir);
        } catch (ConfigException e) {
            assertFalse(e.errors().isEmpty(), "a refusal names at least one error");
            ConfigExplainer.explainFailure(e);
            return;
        }
        assertFalse(config.services().isEmpty(), "a loaded configuration has a service");
        ConfigExplainer.explain(config, Optional.of(CALLER));
    }

    private static List<byte[]> split(byte[] input) {
        byte[] mark = SNIPPET_MARK.getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + mark.length <= input.length && parts.size() < MAX_SNIPPETS; i++) {
            if (Arrays.equals(input, i, i + mark.length, mark, 0, mark.length)) {
                parts.add(Arrays.copyOfRange(input, start, i + 1)); // keep the newline that ends the line
                start = i + mark.length;
                i = start - 1;
            }
        }
        parts.add(Arrays.copyOfRange(input, start, input.length));
        return parts;
    }

    private static Path snippet(int i) {
        return CONF_D.resolve(String.format("%02d-fuzz.conf", i * 10));
    }

    /** Under /dev/shm where there is one: on a disk, writing the files costs 30 to 70 times as much. */
    private static Path tempDir() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "gssproxy4j-config-fuzz")
                    : Files.createTempDirectory("gssproxy4j-config-fuzz");
            Files.createDirectory(dir.resolve("conf.d"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** root, apache and nobody; no file is read, so runs do not depend on the machine's accounts. */
    private static final class FixedUsers implements UserDirectory {
        private static final Map<String, User> BY_NAME = Map.of(
                "root", new User("root", 0, 0, "/root"),
                "apache", new User("apache", 48, 48, "/usr/share/httpd"),
                "nobody", new User("nobody", 65534, 65534, "/nonexistent"));

        @Override
        public Optional<User> byName(String name) {
            return Optional.ofNullable(BY_NAME.get(name));
        }

        @Override
        public Optional<User> byUid(int uid) {
            return BY_NAME.values().stream().filter(u -> u.uid() == uid).findFirst();
        }

        @Override
        public List<Integer> supplementaryGroups(String userName) {
            return List.of();
        }
    }
}
