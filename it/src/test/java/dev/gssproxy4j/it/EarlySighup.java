package dev.gssproxy4j.it;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.interop.UnixSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the daemon as {@link dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon} does ({@code java -jar
 * gssproxy4j.jar serve -i -d -c CONF -s SOCKET}), but sends SIGHUP the instant its socket first accepts a
 * connection: a client or an admin script that sees the socket may reload at once, as systemd's {@code ExecReload}
 * may right after start-up. Upstream registers its SIGHUP handler ({@code init_event_loop}) before it opens its
 * sockets ({@code init_sockets}), so such a SIGHUP is a reload there.
 */
final class EarlySighup {

    private static final int SIGHUP = 1;
    private static final long DEADLINE_NANOS = 30_000_000_000L;
    /** {@code kill(2)}, linked before the daemon starts: linking takes longer than the window to hit. */
    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private EarlySighup() {}

    /** The started daemon after the early SIGHUP; the caller closes it (the directory is left to the caller). */
    static ChildProcess startAndHup(Path dir, Map<String, String> environment, String serviceSections) {
        Path config = dir.resolve("gssproxy.conf");
        Path socket = dir.resolve("gp.sock");
        try {
            Files.writeString(config, "[gssproxy]\n  keyring = " + dir.resolve("keyring") + "\n\n"
                    + serviceSections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UnixSockets.accepts(socket); // warm up the poll, too
        ChildProcess daemon = ChildProcess.command(java(), "--enable-native-access=ALL-UNNAMED", "--add-exports",
                        "java.base/sun.nio.ch=ALL-UNNAMED", "-jar", jar().toString(), "serve", "-i", "-d", "-c",
                        config.toString(), "-s", socket.toString())
                .environment(environment).output(dir, "daemon").start();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        // a tight poll on purpose: the point is to signal as early as a client could connect
        while (!UnixSockets.accepts(socket)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                daemon.close();
                throw new AssertionError("the daemon never accepted on " + socket + "; log:\n" + daemon.stderr());
            }
            Thread.onSpinWait();
        }
        kill(daemon.pid(), SIGHUP);
        return daemon;
    }

    private static void kill(long pid, int signal) {
        int rc;
        try {
            rc = (int) KILL.invokeExact((int) pid, signal);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot signal " + pid, e);
        }
        if (rc != 0) {
            throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed");
        }
    }

    private static Path jar() {
        String configured = System.getProperty("gssproxy4j.cliJar");
        return configured != null ? Path.of(configured) : Path.of("..", "cli", "target", "gssproxy4j.jar");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }
}
