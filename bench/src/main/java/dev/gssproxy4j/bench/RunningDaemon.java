package dev.gssproxy4j.bench;

import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.UpstreamGssproxy;
import java.nio.file.Path;
import java.time.Duration;

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
                Gssproxy4jDaemon daemon = Gssproxy4jDaemon.start(realm.daemonEnvironment(),
                        socket -> DaemonConfig.render(socket, realm.keytab(), euid));
                yield new RunningDaemon(name, daemon.socket(), daemon.pid(), since(begin), daemon);
            }
            default -> throw new IllegalArgumentException("unknown daemon '" + name + "': use " + UPSTREAM + " or "
                    + OURS);
        };
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
