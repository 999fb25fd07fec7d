package dev.gssproxy4j.bench;

import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.UpstreamGssproxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A daemon under test, started as a child process with {@link DaemonConfig}: upstream {@code /usr/sbin/gssproxy}
 * through {@link UpstreamGssproxy}, or ours as {@code java -jar cli/target/gssproxy4j.jar serve -i -c CONF -s SOCK}
 * through {@link Gssproxy4jDaemon} (the jar from {@code -Dgssproxy4j.cliJar}, which {@code bench/run} sets).
 *
 * @param name    {@code upstream} or {@code gssproxy4j}
 * @param startup from launching the process to its socket accepting connections
 */
public record RunningDaemon(String name, Path socket, long pid, Duration startup, AutoCloseable handle)
        implements AutoCloseable {

    public static final String UPSTREAM = "upstream";
    public static final String OURS = "gssproxy4j";

    /** Starts {@code name} ({@link #UPSTREAM} or {@link #OURS}) for {@code realm} and waits for its socket. */
    public static RunningDaemon start(String name, BenchRealm realm) {
        int euid = ProcFs.effectiveUid();
        long begin = System.nanoTime();
        return switch (name) {
            case UPSTREAM -> {
                // The fixture replaces KRB5RCACHEDIR with a directory in its own state directory. Its debug level
                // (at least 1) is overridden by the file's debug_level = 0, which upstream applies after start-up.
                UpstreamGssproxy daemon = UpstreamGssproxy.start(realm.daemonEnvironment(), 1,
                        socket -> DaemonConfig.render(socket, realm.keytab(), euid));
                yield new RunningDaemon(name, daemon.socket(), daemon.pid(), since(begin), daemon);
            }
            case OURS -> {
                Gssproxy4jDaemon daemon = Gssproxy4jDaemon.start(withJvmOptions(realm.daemonEnvironment()),
                        socket -> DaemonConfig.render(socket, realm.keytab(), euid));
                yield new RunningDaemon(name, daemon.socket(), daemon.pid(), since(begin), daemon);
            }
            default -> throw new IllegalArgumentException("unknown daemon '" + name + "': use " + UPSTREAM + " or "
                    + OURS);
        };
    }

    /**
     * Our daemon's environment with its JVM options as {@code JDK_JAVA_OPTIONS}, which the {@code java} launcher
     * reads, so the daemon keeps the command line the testkit gives it: the defaults the {@code gssproxy4j} launcher
     * uses ({@code scripts/daemon-jvm-options} of {@code -Dgssproxy4j.root}, its crash report directory:
     * {@code -Dgssproxy4j.daemonCrashOptions}, and its AOT cache when bench/run found it fresh:
     * {@code -Dgssproxy4j.daemonAotOptions}), then {@code BENCH_DAEMON_JAVA_OPTS} (e.g. a JFR recording);
     * a collector named there replaces the default one, as in the launcher.
     */
    public static Map<String, String> withJvmOptions(Map<String, String> environment) {
        String extra = Objects.requireNonNullElse(System.getenv("BENCH_DAEMON_JAVA_OPTS"), "").strip();
        List<String> options = new ArrayList<>();
        for (String option : defaultJvmOptions()) {
            if (!(isCollector(option) && Arrays.stream(extra.split("\\s+")).anyMatch(RunningDaemon::isCollector))) {
                options.add(option);
            }
        }
        String crash = System.getProperty("gssproxy4j.daemonCrashOptions", "").strip();
        if (!crash.isEmpty()) { // crash reports into the launcher's private directory, never the working directory
            options.add(crash);
        }
        if (!aotOptions().isEmpty()) {
            options.add(aotOptions());
        }
        if (!extra.isEmpty()) {
            options.add(extra);
        }
        if (options.isEmpty()) {
            return environment;
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("JDK_JAVA_OPTIONS", String.join(" ", options));
        return env;
    }

    /** The options that start our daemon from the launcher's AOT cache, as bench/run found it; empty without. */
    static String aotOptions() {
        return System.getProperty("gssproxy4j.daemonAotOptions", "").strip();
    }

    /** The launcher's JVM defaults, or none when the checkout is unknown (no {@code -Dgssproxy4j.root}). */
    private static List<String> defaultJvmOptions() {
        String root = System.getProperty("gssproxy4j.root");
        if (root == null) {
            return List.of();
        }
        Path file = Path.of(root, "scripts", "daemon-jvm-options");
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the daemon's JVM options from " + file
                    + "; run the bench from a checkout (bench/run sets -Dgssproxy4j.root)", e);
        }
    }

    private static boolean isCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    /** The accept path through this daemon's socket. */
    public ProxyPath path() {
        return new ProxyPath(name, socket, BenchRealm.SERVICE);
    }

    public ProcFs.Memory memory() {
        return ProcFs.memory(pid);
    }

    @Override
    public void close() {
        try {
            handle.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + name + " (pid " + pid + "): " + e, e);
        }
    }

    private static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }
}
