package dev.gssproxy4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code bench/run compare}: upstream gssproxy and (with {@code --ours}) gssproxy4j side by side in one throwaway
 * realm, interleaved A/B/A/B over the repetitions, each daemon freshly started per repetition (start-up time and
 * idle RSS measured then), every client count run against it, then the in-process floor. Writes a Markdown
 * report ({@link CompareReport}) with medians, ratios and every single run.
 */
public final class Compare {

    static final String USAGE = """
            usage: bench/run compare [--reps 3] [--duration 10s] [--warmup 2s] [--clients 1,4,16] [--ours]
                                     [--realm kerby|mit] [--generators N] [--jit-warmup 5s] [--daemon-warmup 15s]
                                     [--workloads procs-named,java] [--out docs/BENCHMARKS.md]
              --ours        also run gssproxy4j (java -jar cli/target/gssproxy4j.jar serve -i -c CONF -s SOCK);
                            without it only upstream gssproxy and the floor run
              --jit-warmup  an unrecorded run against upstream and the floor first, so that the load generator's
                            own JIT compilation does not fall into the first recorded window (0 skips it)
              --workloads   what drives the daemons, in order: procs-named, procs-default, threads-named,
                            threads-default (C acceptors through MIT's interposer: N processes or N threads, a
                            named or the default acceptor credential), java (this JVM sends ACCEPT_SEC_CONTEXT)
              --daemon-warmup  after each daemon start (and the idle RSS reading), an unrecorded run at the
                            highest client count, so that a JIT-compiled daemon is measured warm (0 skips it);
                            our daemon's C2 compilation settles about 8-10 s into a 4-client load on 2 cores
                            (jstat -compiler), so shorter warm-ups measure the compiler, not the daemon
            """;
    private static final Set<String> WITH_VALUE = Set.of("reps", "duration", "warmup", "clients", "realm",
            "generators", "jit-warmup", "daemon-warmup", "out", "workloads");
    /** How long a freshly started daemon settles before its idle RSS is read. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        int status = 0;
        try {
            Flags flags = Flags.parse(args, WITH_VALUE, Set.of("ours"));
            Path root = Path.of(System.getProperty("gssproxy4j.root", ".")).toAbsolutePath().normalize();
            Path out = root.resolve(flags.string("out", "docs/BENCHMARKS.md"));
            Comparison comparison = run(flags, "bench/run compare " + String.join(" ", args), System.out);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, CompareReport.render(comparison, MachineInfo.collect(root)));
            System.out.println("compare: report written to " + out);
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage());
            System.err.print(USAGE);
            status = 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("compare: " + e);
            status = 1;
        }
        System.exit(status); // the embedded Kerby KDC keeps non-daemon threads
    }

    static Comparison run(Flags flags, String invocation, PrintStream log) throws InterruptedException {
        List<String> daemons = new ArrayList<>(List.of(RunningDaemon.UPSTREAM));
        if (flags.isSet("ours")) {
            daemons.add(RunningDaemon.OURS);
        }
        Comparison.Settings settings = new Comparison.Settings(flags.integer("reps", 3),
                flags.duration("warmup", Duration.ofSeconds(2)), flags.duration("duration", Duration.ofSeconds(10)),
                flags.integers("clients", List.of(1, 4, 16)), List.copyOf(daemons), flags.string("realm", "kerby"),
                flags.duration("daemon-warmup", Duration.ofSeconds(15)), invocation,
                List.of(flags.string("workloads", "procs-named," + Comparison.JAVA).split(",")));
        if (settings.reps() < 1) {
            throw new IllegalArgumentException("--reps must be at least 1");
        }
        settings.workloads().forEach(w -> Comparison.target(w, "check")); // an unknown workload fails here
        Comparison comparison = new Comparison().withSettings(settings);
        try (BenchRealm realm = BenchRealm.start(settings.realm())) {
            Measurer measurer = new Measurer(realm.initiator(), realm,
                    flags.integer("generators", Runtime.getRuntime().availableProcessors()), 0, log);
            measurer.primeServiceTicket();
            if (settings.workloads().contains(Comparison.JAVA)) {
                warmUpLoadGenerator(flags.duration("jit-warmup", Duration.ofSeconds(5)), realm, measurer, settings,
                        log);
            }
            for (int rep = 1; rep <= settings.reps(); rep++) {
                for (String daemon : daemons) {
                    runDaemon(daemon, rep, realm, measurer, comparison, log);
                }
                for (String workload : settings.workloads()) {
                    for (int clients : settings.clients()) {
                        record(comparison, rep, measure(workload, realm, measurer, Optional.empty(),
                                spec(settings, clients)), log);
                    }
                }
            }
        }
        return comparison;
    }

    /** Runs both code paths of this JVM (proxy client and floor) once, unrecorded, at the highest client count. */
    private static void warmUpLoadGenerator(Duration length, BenchRealm realm, Measurer measurer,
                                            Comparison.Settings settings, PrintStream log) throws InterruptedException {
        if (length.isZero()) {
            return;
        }
        RunSpec spec = new RunSpec(maxClients(settings), Duration.ZERO, length);
        log.printf("JIT warm-up of the load generator (%s per path, not recorded)%n", length);
        try (RunningDaemon upstream = RunningDaemon.start(RunningDaemon.UPSTREAM, realm)) {
            measurer.warmUp(upstream.path(), spec);
        }
        measurer.warmUp(new InProcessPath(realm.keytab(), BenchRealm.SERVICE), spec);
    }

    private static void runDaemon(String name, int rep, BenchRealm realm, Measurer measurer, Comparison comparison,
                                  PrintStream log) throws InterruptedException {
        log.printf("rep %d: starting %s%n", rep, name);
        RunningDaemon daemon;
        try {
            daemon = RunningDaemon.start(name, realm);
        } catch (RuntimeException e) {
            comparison.failures().add("rep " + rep + ": " + name + " did not start: " + e.getMessage());
            log.println("  FAILED to start: " + e.getMessage());
            return;
        }
        try (daemon) {
            Thread.sleep(SETTLE);
            ProcFs.Memory idle = daemon.memory();
            log.printf("  pid %d, socket accepting %d ms after launch, idle RSS %d kB%n", daemon.pid(),
                    daemon.startup().toMillis(), idle.rssKb());
            Duration warmup = comparison.settings().daemonWarmup();
            String first = comparison.settings().workloads().getFirst();
            if (!warmup.isZero()) {
                log.printf("  daemon warm-up (%s of %s, not recorded)%n", warmup, first);
                RunSpec spec = new RunSpec(maxClients(comparison.settings()), Duration.ZERO, warmup);
                try {
                    if (first.equals(Comparison.JAVA)) {
                        measurer.warmUp(daemon.path(), spec);
                    } else {
                        InterposerWorkload.parse(first).run(realm, Optional.of(daemon), spec);
                    }
                } catch (RuntimeException e) { // recorded like a failed run; the measured runs still go ahead
                    comparison.failures().add("rep " + rep + ": " + name + "'s warm-up (" + first + ", "
                            + spec.clients() + " clients) failed: " + e.getMessage());
                    log.println("  warm-up FAILED: " + e.getMessage());
                }
            }
            for (String workload : comparison.settings().workloads()) {
                for (int clients : comparison.settings().clients()) {
                    try {
                        record(comparison, rep, measure(workload, realm, measurer, Optional.of(daemon),
                                spec(comparison.settings(), clients)), log);
                    } catch (RuntimeException e) {
                        comparison.failures().add("rep " + rep + ": " + name + " (" + workload + ") with " + clients
                                + " clients failed: " + e.getMessage());
                        log.println("  FAILED: " + e.getMessage());
                    }
                }
            }
            try {
                comparison.lives().add(new Comparison.Life(name, rep, daemon.startup(), idle, daemon.memory()));
            } catch (RuntimeException e) {
                comparison.failures().add("rep " + rep + ": " + name + " was gone after its runs: " + e.getMessage());
            }
        }
    }

    /** One run of {@code workload} against {@code daemon}, or the floor when it is empty. */
    private static RunResult measure(String workload, BenchRealm realm, Measurer measurer,
                                     Optional<RunningDaemon> daemon, RunSpec spec) throws InterruptedException {
        if (!workload.equals(Comparison.JAVA)) {
            return InterposerWorkload.parse(workload).run(realm, daemon, spec);
        }
        if (daemon.isEmpty()) {
            return measurer.measure(new InProcessPath(realm.keytab(), BenchRealm.SERVICE),
                    OptionalLong.of(ProcessHandle.current().pid()), spec);
        }
        return measurer.measure(daemon.get().path(), OptionalLong.of(daemon.get().pid()), spec);
    }

    private static void record(Comparison comparison, int rep, RunResult result, PrintStream log) {
        comparison.runs().add(new Comparison.Run(rep, result));
        log.println(result.describe());
    }

    private static int maxClients(Comparison.Settings settings) {
        return settings.clients().stream().max(Integer::compare).orElseThrow();
    }

    private static RunSpec spec(Comparison.Settings settings, int clients) {
        return new RunSpec(clients, settings.warmup(), settings.duration());
    }
}
