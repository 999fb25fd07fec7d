package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.bench.ProcFs;
import dev.gssproxy4j.bench.RunningDaemon;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.UnixSockets;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The daemon under fuzzing: our real {@code serve -i} as a child process ({@link Gssproxy4jDaemon}, with the JVM
 * options an admin's launcher uses), configured by {@link FuzzConfig}, with glibc's heap checks on
 * ({@link FuzzRealm#daemonEnvironment()}). A JVM that faults in native code writes its crash report to the
 * fuzzer's output directory ({@code -XX:ErrorFile}) and dumps no core, so a crash leaves one small file per pid.
 */
final class FuzzDaemon implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration PEAK_POLL = Duration.ofMillis(50);
    private static final Duration PEAK_SETTLE = Duration.ofMillis(500);

    private final Gssproxy4jDaemon daemon;
    private final boolean trusted;
    private final Path reportDir;
    private volatile int starts = 1;

    private FuzzDaemon(Gssproxy4jDaemon daemon, boolean trusted, Path reportDir) {
        this.daemon = daemon;
        this.trusted = trusted;
        this.reportDir = reportDir;
    }

    /** Starts the daemon for {@code realm}; crash reports go to {@code reportDir}. */
    static FuzzDaemon start(FuzzRealm realm, Path reportDir) {
        int uid = ProcFs.effectiveUid();
        boolean trusted = uid == 0;
        Map<String, String> env = new LinkedHashMap<>(RunningDaemon.withJvmOptions(realm.daemonEnvironment()));
        String crashOptions = "-XX:ErrorFile=" + reportDir.resolve("hs_err_pid%p.log") + " -XX:-CreateCoredumpOnCrash";
        env.merge("JDK_JAVA_OPTIONS", crashOptions, (before, added) -> before + " " + added);
        Gssproxy4jDaemon daemon = Gssproxy4jDaemon.start(env,
                socket -> FuzzConfig.render(socket, realm, uid, trusted));
        return new FuzzDaemon(daemon, trusted, reportDir);
    }

    /** Whether the trusted (kernel) service exists; without it its calls go to the acceptor. */
    boolean trusted() {
        return trusted;
    }

    Path socket(Target target) {
        Target actual = target == Target.TRUSTED && !trusted ? Target.ACCEPTOR : target;
        return daemon.socket().resolveSibling(actual.socketName());
    }

    long pid() {
        return daemon.pid();
    }

    /** Alive and accepting connections: a daemon whose listening socket is gone is dying even if not yet reaped. */
    boolean serving() {
        return daemon.isAlive() && UnixSockets.accepts(socket(Target.ACCEPTOR));
    }

    /** Waits up to {@code timeout} for the process to end; its exit status, or empty if it still runs. */
    OptionalInt awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            OptionalInt status = daemon.exitStatus();
            if (status.isPresent() || System.nanoTime() > deadline) {
                return status;
            }
            sleep(POLL);
        }
    }

    /** The last {@code maxBytes} of the current process's stderr (the daemon logs no secrets at level 0). */
    String stderrTail(int maxBytes) {
        Path file = daemon.stderrFile();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - maxBytes);
            byte[] tail = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** The JVM's crash report for {@code pid}, if it wrote one. */
    Optional<Path> crashReport(long pid) {
        Path report = reportDir.resolve("hs_err_pid" + pid + ".log");
        return Files.isRegularFile(report) ? Optional.of(report) : Optional.empty();
    }

    /** The current process's resident memory in kB, if it can be read (not while it is being replaced). */
    OptionalLong rssKb() {
        try {
            return OptionalLong.of(ProcFs.memory(daemon.pid()).rssKb());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Runs {@code call} (one call to this daemon, with its own deadline) on another thread and returns how far the
     * daemon's RSS rose above its value before, sampled every 50 ms while the call runs and for half a second
     * after it. Memory that a call allocates and frees again is seen only this way. A daemon that grows by more
     * than {@code killAboveKb} is killed at once, which also ends the call.
     */
    long peakGrowthKb(Runnable call, long killAboveKb) {
        long before = rssKb().orElse(0);
        long peak = before;
        Thread caller = Thread.ofPlatform().daemon(true).start(call);
        long answered = Long.MAX_VALUE;
        while (System.nanoTime() < answered) {
            sleep(PEAK_POLL);
            peak = Math.max(peak, rssKb().orElse(peak));
            if (peak - before > killAboveKb) {
                kill();
            }
            if (!caller.isAlive() && answered == Long.MAX_VALUE) {
                answered = System.nanoTime() + PEAK_SETTLE.toNanos();
            }
        }
        return peak - before;
    }

    /** SIGKILL: for a daemon eating the machine's memory, which must not wait for a clean stop. */
    void kill() {
        try {
            if (daemon.isAlive()) {
                daemon.kill9();
            }
        } catch (RuntimeException e) {
            // It died by itself between the check and the kill.
        }
    }

    /** Starts a new process with the same configuration, keyring and replay cache (handles stay valid). */
    void restart() {
        daemon.restart();
        starts++;
    }

    /** How many daemon processes were started, the first included. */
    int starts() {
        return starts;
    }

    @Override
    public void close() {
        daemon.close();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
