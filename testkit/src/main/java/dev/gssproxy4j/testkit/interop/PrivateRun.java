package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Programs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a program with its own {@code /run}: a private mount namespace ({@code unshare --mount --propagation
 * private}) in which a directory of ours is bind-mounted over {@code /run}.
 *
 * <p>Why: upstream gssproxy writes its pid to the hard-coded {@code /run/gssproxy.pid} ({@code GP_PID_FILE},
 * {@code write_pid()} in {@code src/gp_init.c}), also with {@code -i}. Without a private {@code /run} concurrent
 * test daemons overwrite each other's file and that of a system gssproxy. The write failing is only logged, so
 * when namespaces are not allowed (an unprivileged container) the daemon runs without one.
 */
final class PrivateRun {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final String SCRIPT = "mount --bind \"$0\" /run && exec \"$@\"";

    private static volatile Boolean available;

    private PrivateRun() {
    }

    /** Whether {@link #wrap} works here (tried once per JVM with a real bind mount). */
    static boolean available(Path probeDir) {
        Boolean known = available;
        if (known == null) {
            known = Programs.find("unshare").isPresent()
                    && ChildProcess.command(unshareArgv(probeDir, List.of("true"))).run(PROBE_TIMEOUT).succeeded();
            available = known;
        }
        return known;
    }

    /** {@code argv} run with {@code runDir} mounted over {@code /run}; the program keeps the pid of the wrapper. */
    static List<String> wrap(Path runDir, List<String> argv) {
        return unshareArgv(runDir, argv);
    }

    private static List<String> unshareArgv(Path runDir, List<String> argv) {
        // unshare and sh both exec, so the pid ChildProcess sees is the program's own.
        List<String> wrapped = new ArrayList<>(List.of(Programs.require("unshare", "util-linux").toString(),
                "--mount", "--propagation", "private", "--", "/bin/sh", "-c", SCRIPT, runDir.toString()));
        wrapped.addAll(argv);
        return List.copyOf(wrapped);
    }
}
