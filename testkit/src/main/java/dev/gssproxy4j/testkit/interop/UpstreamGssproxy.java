package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real upstream daemon, {@code /usr/sbin/gssproxy} (Debian package {@code gssproxy} 0.9.1), as a child process
 * with a private state directory: {@code gssproxy -i -d --debug-level=N -c <dir>/gssproxy.conf -s <dir>/gp.sock}.
 *
 * <p>What upstream needs to run in a temporary directory, found by reading {@code src/gssproxy.c} /
 * {@code src/gp_init.c} and by running it:
 * <ul>
 *   <li>{@code -i} keeps it in the foreground (no fork, so {@link ChildProcess#close()} stops it; SIGTERM makes it
 *       exit cleanly). It still {@code chdir("/")}s and sets umask 0177, so every path must be absolute.</li>
 *   <li>It writes {@code /run/gssproxy.pid} unconditionally; {@link PrivateRun} gives it {@code <dir>/run}
 *       instead where mount namespaces are allowed.</li>
 *   <li>The replay cache goes to {@code KRB5RCACHEDIR} (the systemd unit sets {@code /var/lib/gssproxy/rcache});
 *       here {@code <dir>/rcache}. Nothing else under {@code /var/lib/gssproxy} is used unless a service sets
 *       {@code cred_store = ccache:...}.</li>
 *   <li>Without a {@code keytab:} in a service's cred_store it derives its handle key from the default keytab
 *       ({@code KRB5_KTNAME}), else an ephemeral key: the realm environment keeps it away from
 *       {@code /etc/krb5.keytab}.</li>
 *   <li>Debug output (and, at level 3, KRB5_TRACE through a FIFO {@code /tmp/krb5.tracing.<pid>}, removed at exit)
 *       goes to standard error, kept in {@link #logFile()}. Level 2 and up dump GSSX structures with keys and
 *       tickets: assertion messages from this class pass the log through a redaction.</li>
 *   <li>It takes its debug level from the configuration file even when {@code -d} is given
 *       ({@link #withDebugLevel}).</li>
 *   <li>It runs as root: it must read root-only keytabs; it needs no other privilege.</li>
 * </ul>
 * The socket is given both as {@code -s} and (by the configs of {@link InteropScenarios}) as the service's
 * {@code socket =}, like the capture in {@code shared/wire}; upstream binds the path twice and both bindings serve.
 */
public final class UpstreamGssproxy implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/gssproxy");
    public static final int DEFAULT_DEBUG_LEVEL = 1;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_TAIL_CHARS = 3000;
    private static final Pattern GLOBAL_SECTION =
            Pattern.compile("^\\s*\\[gssproxy\\][ \\t]*$", Pattern.MULTILINE);
    private static final Pattern DEBUG_LEVEL_LINE =
            Pattern.compile("^\\s*(debug_level|debug)\\s*=", Pattern.MULTILINE);

    private final Path stateDir;
    private final Path socket;
    private final Path configFile;
    private final ChildProcess process;
    private final boolean privateRun;

    private UpstreamGssproxy(Path stateDir, Path socket, Path configFile, ChildProcess process, boolean privateRun) {
        this.stateDir = stateDir;
        this.socket = socket;
        this.configFile = configFile;
        this.process = process;
        this.privateRun = privateRun;
    }

    /** Like {@link #start(Map, int, Function)} at debug level 1 (connections and procedures, no structures). */
    public static UpstreamGssproxy start(Map<String, String> environment, Function<Path, String> configForSocket) {
        return start(environment, DEFAULT_DEBUG_LEVEL, configForSocket);
    }

    /**
     * Starts the daemon and waits until its socket accepts connections.
     *
     * @param environment     e.g. {@code Realm.environment()}: at least {@code KRB5_CONFIG}
     * @param debugLevel      1 to 3 ({@code --debug-level}); see the class comment about 2 and up
     * @param configForSocket the {@code gssproxy.conf} text for the socket path this daemon will listen on
     * @throws IllegalStateException if gssproxy is not installed, exits, or its socket is not up within 15 s
     */
    public static UpstreamGssproxy start(Map<String, String> environment, int debugLevel,
                                         Function<Path, String> configForSocket) {
        if (debugLevel < 1 || debugLevel > 3) {
            throw new IllegalArgumentException("debug level must be 1..3, got " + debugLevel);
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install the Debian package gssproxy");
        }
        Path stateDir = TempDirs.createTraversable("gssproxy4j-upstream-");
        ChildProcess process = null;
        try {
            Path runDir = Files.createDirectory(stateDir.resolve("run"));
            Path rcache = Files.createDirectory(stateDir.resolve("rcache"));
            Identity.chmod(rcache, "rwx------");
            Path socket = stateDir.resolve("gp.sock");
            Path configFile = stateDir.resolve("gssproxy.conf");
            Files.writeString(configFile, withDebugLevel(configForSocket.apply(socket), debugLevel));
            Identity.chmod(configFile, "rw-------");

            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("KRB5RCACHEDIR", rcache.toString());
            List<String> argv = new ArrayList<>(List.of(BINARY.toString(), "-i", "-d",
                    "--debug-level=" + debugLevel, "-c", configFile.toString(), "-s", socket.toString()));
            boolean privateRun = PrivateRun.available(runDir);
            if (!privateRun) {
                System.err.println("testkit: no private mount namespace here; upstream gssproxy will write "
                        + "/run/gssproxy.pid");
            }
            process = ChildProcess.command(privateRun ? PrivateRun.wrap(runDir, argv) : argv)
                    .environment(env)
                    .output(stateDir, "gssproxy")
                    .start();
            ChildProcess started = process;
            UnixSockets.awaitAccepting(socket, START_TIMEOUT, started::isAlive,
                    () -> "gssproxy log: " + SafeText.forMessage(started.stderr(), LOG_TAIL_CHARS));
            return new UpstreamGssproxy(stateDir, socket, configFile, process, privateRun);
        } catch (IOException e) {
            cleanUp(process, stateDir);
            throw new UncheckedIOException("cannot prepare the state directory " + stateDir, e);
        } catch (RuntimeException e) {
            cleanUp(process, stateDir);
            throw e;
        }
    }

    /** The AF_UNIX socket clients use ({@code GSSPROXY_SOCKET}). */
    public Path socket() {
        return socket;
    }

    /** The daemon's standard error: its debug log. */
    public Path logFile() {
        return process.stderrFile();
    }

    /** The whole log so far, unredacted (may contain keys at debug level 2 and up: do not print it). */
    public String log() {
        return process.stderr();
    }

    /** The end of the log with structure dumps and long hex removed, for assertion messages. */
    public String logForMessages() {
        return SafeText.forMessage(log(), LOG_TAIL_CHARS);
    }

    public Path configFile() {
        return configFile;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Whether upstream's {@code /run} is {@code <stateDir>/run} (it then holds {@code gssproxy.pid}). */
    public boolean hasPrivateRun() {
        return privateRun;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the daemon (SIGTERM, then SIGKILL after 5 s) and deletes the state directory. */
    @Override
    public void close() {
        cleanUp(process, stateDir);
    }

    @Override
    public String toString() {
        return "UpstreamGssproxy[pid " + process.pid() + ", " + socket + "]";
    }

    /**
     * gssproxy 0.9.1 re-applies {@code [gssproxy] debug_level} when it reads its configuration, 0 when unset, so
     * {@code -d}/{@code --debug-level} alone are silenced right after start-up (measured: the log stops after
     * "Debug Level changed to 1"). The level is therefore also written into the file, unless the caller set one.
     */
    static String withDebugLevel(String config, int debugLevel) {
        if (DEBUG_LEVEL_LINE.matcher(config).find()) {
            return config;
        }
        String setting = "  debug_level = " + debugLevel;
        Matcher section = GLOBAL_SECTION.matcher(config);
        if (section.find()) {
            return config.substring(0, section.end()) + "\n" + setting + config.substring(section.end());
        }
        return "[gssproxy]\n" + setting + "\n\n" + config;
    }

    private static void cleanUp(ChildProcess process, Path stateDir) {
        if (process != null) {
            process.close();
        }
        TempDirs.deleteTree(stateDir);
    }
}
