package dev.gssproxy4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The workload users run: MIT's interposer plugin ({@code GSS_USE_PROXY=yes}) in C acceptors, driven by
 * {@code bench/interposer/loadgen.c} (built by {@code bench/run} into {@code bench/target/interposer-loadgen}). One
 * operation is a whole login: local {@code gss_init_sec_context}, {@code gss_accept_sec_context} through the
 * proxy (timed), the AP-REP back to the initiator, wrap/unwrap and get_mic/verify_mic both ways, both contexts
 * deleted. Exactly one ACCEPT_SEC_CONTEXT reaches the daemon per operation.
 *
 * @param threads  N threads of one process (sharing the interposer's one connection), else N processes
 * @param named    the acceptor credential for the named principal {@code host@localhost} (as
 *                 {@code gss-server host@localhost}), else the default acceptor credential
 */
public record InterposerWorkload(boolean threads, boolean named) {

    /** The service both the acceptor credential (when named) and the initiator name. */
    static final String SERVICE = "host@localhost";
    private static final long SET_UP_TIMEOUT_SECONDS = 120;

    /** {@code procs-named}, {@code procs-default}, {@code threads-named} or {@code threads-default}. */
    public static InterposerWorkload parse(String id) {
        return switch (id) {
            case "procs-named" -> new InterposerWorkload(false, true);
            case "procs-default" -> new InterposerWorkload(false, false);
            case "threads-named" -> new InterposerWorkload(true, true);
            case "threads-default" -> new InterposerWorkload(true, false);
            default -> throw new IllegalArgumentException("unknown interposer workload '" + id + "': use "
                    + "procs-named, procs-default, threads-named or threads-default");
        };
    }

    public String id() {
        return (threads ? "threads" : "procs") + "-" + (named ? "named" : "default");
    }

    /** For reports: e.g. "MIT interposer, N processes, named acceptor credential". */
    public String title() {
        return "MIT interposer, N " + (threads ? "threads of one process" : "processes") + ", "
                + (named ? "named (" + SERVICE + ")" : "default") + " acceptor credential";
    }

    /** The report's target name of a run of {@code daemon} (or {@code floor}) under this workload. */
    public String target(String daemon) {
        return daemon + " · " + id();
    }

    /**
     * One run: {@code spec.clients()} workers against {@code daemon}'s socket, or the floor (no proxy: MIT reads
     * the keytab in the workers) when {@code daemon} is empty.
     */
    public RunResult run(BenchRealm realm, Optional<RunningDaemon> daemon, RunSpec spec) {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--ccache", realm.ccacheName(),
                "--workers", Integer.toString(spec.clients()), "--acceptor", named ? SERVICE : "default",
                "--target", SERVICE, "--warmup", seconds(spec.warmup().toNanos()),
                "--duration", seconds(spec.duration().toNanos())));
        if (threads) {
            command.add("--threads");
        }
        Map<String, String> env = new LinkedHashMap<>(realm.clientEnvironment());
        // The interposer stores the daemon's credential handle in the default ccache when it acquires the acceptor
        // credential (it would overwrite alice's TGT there); the initiator reads its own copy (--ccache).
        env.put("KRB5CCNAME", "MEMORY:interposer-store");
        daemon.ifPresentOrElse(d -> {
            command.addAll(List.of("--socket", d.socket().toString(), "--daemon-pid", Long.toString(d.pid())));
            // a keytab the workers cannot use, so that nothing is accepted locally behind the proxy's back
            env.put("KRB5_KTNAME", "FILE:/nonexistent/gssproxy4j-bench.keytab");
        }, () -> env.put("KRB5_KTNAME", "FILE:" + realm.keytab()));
        String target = target(daemon.map(RunningDaemon::name).orElse("floor"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Map<String, String> result = new HashMap<>();
            String error = null;
            List<String> other = new ArrayList<>();
            long kdcBaseline = realm.kdcRequests();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("ready")) {
                        kdcBaseline = realm.kdcRequests(); // set-up fetched the service tickets
                    } else if (line.startsWith("result ")) {
                        for (String pair : line.substring(7).split(" ")) {
                            int eq = pair.indexOf('=');
                            result.put(pair.substring(0, eq), pair.substring(eq + 1));
                        }
                    } else if (line.startsWith("error ")) {
                        error = line.substring(6);
                    } else if (other.size() < 20) {
                        other.add(line);
                    }
                }
            }
            if (!process.waitFor(SET_UP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the interposer load generator did not finish");
            }
            if (process.exitValue() != 0 || result.isEmpty()) {
                throw new IllegalStateException("the interposer load generator failed (exit " + process.exitValue()
                        + "): " + String.join(" / ", other));
            }
            long ops = Long.parseLong(result.get("ops"));
            long errors = Long.parseLong(result.get("errors"));
            Latencies.Summary latency = ops == 0 ? Latencies.Summary.EMPTY : new Latencies.Summary((int) ops,
                    number(result, "mean_us"), number(result, "p50_us"), number(result, "p99_us"),
                    number(result, "p999_us"), Double.NaN);
            double daemonCpu = daemon.isPresent() ? number(result, "daemon_cpu_us") : number(result, "worker_cpu_us");
            return new RunResult(target, spec, ops, errors, Double.parseDouble(result.get("window")), latency,
                    daemonCpu, number(result, "worker_cpu_us"), daemon.map(RunningDaemon::memory).orElse(null),
                    realm.kdcRequests() - kdcBaseline, 0, 0, false,
                    error == null ? Map.of() : Map.of(error, errors));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The C load generator that {@code bench/run} builds ({@code -Dgssproxy4j.interposerLoadgen}). */
    static Path binary() {
        String configured = System.getProperty("gssproxy4j.interposerLoadgen");
        Path path = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("gssproxy4j.root", "."), "bench", "target", "interposer-loadgen");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: run the benchmark through bench/run, which builds"
                    + " it with gcc (Debian packages gcc and libkrb5-dev)");
        }
        return path;
    }

    private static double number(Map<String, String> result, String key) {
        double value = Double.parseDouble(result.getOrDefault(key, "-1"));
        return value < 0 ? Double.NaN : value;
    }

    private static String seconds(long nanos) {
        return String.format("%.3f", nanos / 1e9);
    }
}
