package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Our own daemon as a child process, started exactly as an admin starts it:
 * {@code java -jar cli/target/gssproxy4j.jar serve -i -c <dir>/gssproxy.conf -s <dir>/gp.sock}, so tests
 * exercise the real command line, signals and restarts ({@link #kill9()}, {@link #restart()}). The configuration
 * gets a {@code [gssproxy]} section with {@code keyring = <dir>/keyring} unless it names one, so a restart keeps
 * every sealed handle valid. The daemon binds its main socket last, so once that accepts connections every
 * service's own socket does too.
 */
public final class Gssproxy4jDaemon implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path socket;
    private final Path config;
    private final Map<String, String> environment;
    private final List<String> extraArgs;
    private final boolean hangupIgnored;
    private final StringBuilder earlierLogs = new StringBuilder();
    private ChildProcess process;
    private int starts;

    private Gssproxy4jDaemon(Path dir, Map<String, String> environment, String configText, List<String> extraArgs,
                             boolean hangupIgnored) {
        this.dir = dir;
        this.hangupIgnored = hangupIgnored;
        this.socket = dir.resolve("gp.sock");
        this.config = dir.resolve("gssproxy.conf");
        this.environment = environment;
        this.extraArgs = extraArgs;
        write(config, withKeyring(configText, dir.resolve("keyring")));
    }

    /**
     * Starts the daemon in a new temporary directory and waits until its socket accepts connections.
     *
     * @param configForSocket the gssproxy.conf text for the socket this daemon listens on
     * @param extraArgs       more {@code serve} arguments, e.g. {@code --debug-level=2}
     */
    public static Gssproxy4jDaemon start(Map<String, String> environment, Function<Path, String> configForSocket,
                                         String... extraArgs) {
        return start(environment, configForSocket, false, extraArgs);
    }

    /**
     * As {@link #start(Map, Function, String...)}; with {@code hangupIgnored} the daemon starts with SIGHUP ignored,
     * as under {@code nohup} or after a shell's {@code trap '' HUP}.
     */
    public static Gssproxy4jDaemon start(Map<String, String> environment, Function<Path, String> configForSocket,
                                         boolean hangupIgnored, String... extraArgs) {
        Path dir = TempDirs.createTraversable("gssproxy4j-daemon");
        Gssproxy4jDaemon daemon = new Gssproxy4jDaemon(dir, environment, configForSocket.apply(dir.resolve("gp.sock")),
                List.of(extraArgs), hangupIgnored);
        daemon.launch();
        return daemon;
    }

    public Path socket() {
        return socket;
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return config;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * How the current daemon process ended, once it has: its exit code, or 128 + N after death by signal N (as the
     * JDK reports it; a JVM that crashes in native code aborts, so 134). Empty while it runs. A fuzzer needs this
     * to tell a crash from a clean stop.
     */
    public OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.waitFor(Duration.ZERO).exitCode());
    }

    /** Where the current daemon process writes its standard error (kept across restarts as daemon-N.stderr). */
    public Path stderrFile() {
        return process.stderrFile();
    }

    /** Everything the daemon wrote to stderr so far, across restarts. */
    public String log() {
        return earlierLogs + process.stderr();
    }

    /** Replaces the configuration file (for reload tests); the daemon reads it on SIGHUP or restart. */
    public void rewriteConfig(String configText) {
        write(config, withKeyring(configText, dir.resolve("keyring")));
    }

    /** Sends SIGHUP (reload) with {@code kill}, as systemd's ExecReload does. */
    public void hup() {
        ChildProcess.command("kill", "-HUP", Long.toString(pid())).run(Duration.ofSeconds(10)).requireSuccess();
    }

    /** Kills the daemon with SIGKILL: no clean-up of any kind runs. */
    public void kill9() {
        ChildProcess.command("kill", "-9", Long.toString(pid())).run(Duration.ofSeconds(10)).requireSuccess();
        process.waitFor(Duration.ofSeconds(10));
    }

    /** Starts the daemon again with the same directory, configuration and keyring. */
    public void restart() {
        if (process.isAlive()) {
            process.close();
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        TempDirs.deleteTree(dir);
    }

    private void launch() {
        if (process != null) {
            earlierLogs.append(process.stderr());
        }
        starts++;
        List<String> command = new ArrayList<>(hangupIgnored
                ? List.of("/bin/sh", "-c", "trap '' HUP; exec \"$@\"", "sh") // exec: the pid stays the daemon's
                : List.of());
        command.addAll(command("serve", "-i", "-c", config.toString(), "-s", socket.toString()));
        command.addAll(extraArgs);
        process = ChildProcess.command(command).environment(environment).output(dir, "daemon-" + starts).start();
        UnixSockets.awaitAccepting(socket, START_TIMEOUT, process::isAlive,
                () -> "daemon log:\n" + SafeText.forMessage(process.stderr(), 3000));
    }

    /**
     * {@code java ... -jar gssproxy4j.jar ARGS}: the CLI of this checkout with the JVM flags the launcher passes,
     * for tests that start it their own way (e.g. {@link SocketActivation}).
     */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The CLI jar of this checkout: {@code -Dgssproxy4j.cliJar}, else {@code cli/target/gssproxy4j.jar} above cwd. */
    static Path jar() {
        String configured = System.getProperty("gssproxy4j.cliJar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("cli/target/gssproxy4j.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cli/target/gssproxy4j.jar not found above " + Path.of("").toAbsolutePath()
                + ": build it first (mvn -pl cli -am package) or set -Dgssproxy4j.cliJar");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    private static String withKeyring(String configText, Path keyring) {
        if (configText.contains("keyring")) {
            return configText;
        }
        if (configText.contains("[gssproxy]")) {
            return configText.replaceFirst("\\[gssproxy\\][^\\n]*\\n", "[gssproxy]\n  keyring = " + keyring + "\n");
        }
        return "[gssproxy]\n  keyring = " + keyring + "\n\n" + configText;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
