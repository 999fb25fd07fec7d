package dev.gssproxy4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code bench/run loadgen}: drives one GSS-Proxy socket (or the in-process floor) the way a busy web server's
 * interposer does and prints, per client count, accepts/s, ACCEPT round-trip percentiles, daemon CPU per accept,
 * daemon RSS, KDC requests and errors. See {@link #USAGE}.
 */
public final class LoadGenerator {

    static final String USAGE = """
            usage: bench/run loadgen [--target upstream|gssproxy4j|floor|socket] [--clients 1,4,16,64]
                                     [--warmup 2s] [--duration 10s] [--pool N] [--generators N] [--realm kerby|mit]
                                     [--workload java|procs-named|procs-default|threads-named|threads-default]
                   bench/run loadgen --target socket --socket PATH --ccache FILE:PATH [--service HTTP@localhost]
                                     [--pid PID] ...
              upstream     start /usr/sbin/gssproxy on a temporary socket with a throwaway realm (default)
              gssproxy4j   start our daemon (java -jar cli/target/gssproxy4j.jar serve -i ...) the same way
              floor        no proxy: accept in this process with the service keytab
              socket       an already running daemon: KRB5_CONFIG must point at its realm, --ccache holds a TGT
                           for a principal that may get tickets for --service; --pid enables CPU/RSS figures
              --pool N     AP-REQs made before each run (default: sized from the last measured rate)
              --generators threads that make AP-REQs before each run (default: number of CPUs)
              --workload   java (default): this JVM's client sends ACCEPT_SEC_CONTEXT itself; the others run C
                           acceptors through MIT's interposer (bench/interposer/loadgen.c): N processes or N
                           threads of one process, with a named (host@localhost) or the default acceptor credential
            """;

    private static final Set<String> WITH_VALUE = Set.of("target", "clients", "warmup", "duration", "pool",
            "generators", "realm", "socket", "ccache", "service", "pid", "workload");

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        int status = 0;
        try {
            run(Flags.parse(args, WITH_VALUE, Set.of()), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.print(USAGE);
            status = 2;
        } catch (RuntimeException e) {
            System.err.println("loadgen: " + e);
            status = 1;
        }
        System.exit(status); // the embedded Kerby KDC keeps non-daemon threads
    }

    static void run(Flags flags, PrintStream out) throws InterruptedException {
        String target = flags.string("target", RunningDaemon.UPSTREAM);
        List<Integer> clients = flags.integers("clients", List.of(1, 4, 16, 64));
        Duration warmup = flags.duration("warmup", Duration.ofSeconds(2));
        Duration duration = flags.duration("duration", Duration.ofSeconds(10));
        int pool = flags.integer("pool", 0);
        int generators = flags.integer("generators", Runtime.getRuntime().availableProcessors());
        out.printf("loadgen: target %s, clients %s, warm-up %s, duration %s%n", target, clients, warmup, duration);
        if (target.equals("socket")) {
            runAgainstSocket(flags, clients, warmup, duration, pool, generators, out);
            return;
        }
        String workload = flags.string("workload", "java");
        if (!workload.equals("java")) {
            runInterposer(InterposerWorkload.parse(workload), flags.string("realm", "kerby"), target, clients,
                    new RunSpec(1, warmup, duration), out);
            return;
        }
        try (BenchRealm realm = BenchRealm.start(flags.string("realm", "kerby"))) {
            Measurer measurer = new Measurer(realm.initiator(), realm, generators, pool, out);
            measurer.primeServiceTicket();
            if (target.equals("floor")) {
                AcceptPath floor = new InProcessPath(realm.keytab(), BenchRealm.SERVICE);
                for (int n : clients) {
                    out.println(measurer.measure(floor, OptionalLong.of(ProcessHandle.current().pid()),
                            new RunSpec(n, warmup, duration)).describe());
                }
                return;
            }
            try (RunningDaemon daemon = RunningDaemon.start(target, realm)) {
                out.printf("%s: pid %d, socket accepting %d ms after launch, RSS %d kB%n", daemon.name(),
                        daemon.pid(), daemon.startup().toMillis(), daemon.memory().rssKb());
                for (int n : clients) {
                    out.println(measurer.measure(daemon.path(), OptionalLong.of(daemon.pid()),
                            new RunSpec(n, warmup, duration)).describe());
                }
            }
        }
    }

    private static void runInterposer(InterposerWorkload workload, String realmKind, String target,
                                      List<Integer> clients, RunSpec times, PrintStream out) {
        try (BenchRealm realm = BenchRealm.start(realmKind)) {
            if (target.equals("floor")) {
                for (int n : clients) {
                    out.println(workload.run(realm, Optional.empty(), times.withClients(n)).describe());
                }
                return;
            }
            try (RunningDaemon daemon = RunningDaemon.start(target, realm)) {
                out.printf("%s: pid %d, socket accepting %d ms after launch, RSS %d kB%n", daemon.name(),
                        daemon.pid(), daemon.startup().toMillis(), daemon.memory().rssKb());
                for (int n : clients) {
                    out.println(workload.run(realm, Optional.of(daemon), times.withClients(n)).describe());
                }
            }
        }
    }

    private static void runAgainstSocket(Flags flags, List<Integer> clients, Duration warmup, Duration duration,
                                         int pool, int generators, PrintStream out) throws InterruptedException {
        if (!flags.isSet("socket") || !flags.isSet("ccache")) {
            throw new IllegalArgumentException("--target socket needs --socket PATH and --ccache FILE:PATH");
        }
        String service = flags.string("service", BenchRealm.SERVICE);
        OptionalLong pid = flags.isSet("pid") ? OptionalLong.of(Long.parseLong(flags.string("pid", "")))
                : OptionalLong.empty();
        Measurer measurer = new Measurer(new Initiator(flags.string("ccache", ""), service), null, generators,
                pool, out);
        measurer.primeServiceTicket();
        AcceptPath path = new ProxyPath(flags.string("socket", ""), Path.of(flags.string("socket", "")), service);
        for (int n : clients) {
            out.println(measurer.measure(path, pid, new RunSpec(n, warmup, duration)).describe());
        }
    }
}
