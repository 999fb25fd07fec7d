package dev.gssproxy4j.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Renders a {@link Comparison} as the Markdown of {@code docs/BENCHMARKS.md}. */
final class CompareReport {

    private static final String OURS = RunningDaemon.OURS;
    private static final String UPSTREAM = RunningDaemon.UPSTREAM;
    private static final String FLOOR = "floor";

    static final String INTERPOSER_METHOD = """
            C acceptors (`bench/interposer/loadgen.c`) with `GSS_USE_PROXY=yes`: MIT's interposer plugin sends the \
            accept to the daemon, as a web server, sshd or `gss-server` does. Each worker acquires its acceptor \
            credential once, then loops: `gss_init_sec_context` in the same process (alice's TGT and service ticket \
            in a MEMORY ccache copied once: no KDC traffic), `gss_accept_sec_context` through the proxy (timed; \
            exactly one ACCEPT_SEC_CONTEXT per operation, after which the interposer imports the context), the \
            AP-REP back to the initiator, `gss_wrap`/`gss_unwrap` and `gss_get_mic`/`gss_verify_mic` both ways, \
            both contexts deleted. Keytab with `HTTP/`, `host/` and `nfs/localhost`. The floor runs the same loop \
            without the interposer (MIT reads the keytab in the workers; its "daemon CPU" is the workers' CPU). \
            N clients = N worker processes (one connection each) or N threads of one process (the interposer \
            serialises a process's calls on one connection).

            """;

    private CompareReport() {
    }

    static String render(Comparison c, MachineInfo machine) {
        Comparison.Settings s = c.settings();
        StringBuilder md = new StringBuilder();
        md.append("# gssproxy4j benchmarks\n\n");
        md.append("Generated ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT))
                .append(" by `").append(s.invocation()).append("`: ").append(s.reps()).append(" repetitions, ")
                .append(seconds(s.warmup())).append(" warm-up + ").append(seconds(s.duration()))
                .append(" measured per run, clients ").append(s.clients()).append(", daemons ").append(s.daemons())
                .append(" interleaved per repetition, then the floor. All figures are medians over the"
                        + " repetitions.\n\n");
        if (!s.daemons().contains(OURS)) {
            md.append("gssproxy4j was not run (`--ours` not given): its columns are empty.\n\n");
        }
        MarkdownSections.machine(md, machine);
        MarkdownSections.method(md, s.realm(), s.daemonWarmup());
        for (String workload : s.workloads()) {
            md.append("## ").append(Comparison.title(workload)).append("\n\n");
            if (!workload.equals(Comparison.JAVA)) {
                md.append(INTERPOSER_METHOD);
            }
            for (int clients : s.clients()) {
                md.append("### ").append(clients).append(clients == 1 ? " client" : " clients").append(" (")
                        .append(workload).append(")\n\n");
                table(md, c, workload, clients);
            }
        }
        daemonLives(md, c);
        MarkdownSections.kdcAndFailures(md, c);
        MarkdownSections.everyRun(md, c);
        MarkdownSections.reproduce(md, s);
        return md.toString();
    }

    private static void table(StringBuilder md, Comparison c, String workload, int clients) {
        md.append("| | upstream gssproxy | gssproxy4j | gssproxy4j / upstream | floor (no proxy) |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        row(md, c, workload, clients, "accepts/s", RunResult::opsPerSecond, "%.0f");
        row(md, c, workload, clients, "ACCEPT p50 (µs)", r -> r.latency().p50Micros(), "%.0f");
        row(md, c, workload, clients, "ACCEPT p99 (µs)", r -> r.latency().p99Micros(), "%.0f");
        row(md, c, workload, clients, "ACCEPT p99.9 (µs)", r -> r.latency().p999Micros(), "%.0f");
        row(md, c, workload, clients, "daemon CPU per accept (µs)", RunResult::daemonCpuMicros, "%.0f");
        row(md, c, workload, clients, "load generator CPU per op (µs)", RunResult::loadCpuMicros, "%.0f");
        // The floor's "daemon" is the load generator itself: not comparable, left out.
        row(md, c, workload, clients, "daemon RSS after the run (MiB)", r -> r.daemonMemory() == null
                || r.target().startsWith(FLOOR) ? Double.NaN : r.daemonMemory().rssKb() / 1024.0, "%.1f");
        row(md, c, workload, clients, "failed operations (max of reps)", r -> r.errors(), "%.0f");
        md.append('\n');
    }

    private static void row(StringBuilder md, Comparison c, String workload, int clients, String label,
                            ToDoubleFunction<RunResult> metric, String format) {
        boolean max = label.startsWith("failed");
        double upstream = aggregate(c.results(Comparison.target(workload, UPSTREAM), clients), metric, max);
        double ours = aggregate(c.results(Comparison.target(workload, OURS), clients), metric, max);
        double floor = aggregate(c.results(Comparison.target(workload, FLOOR), clients), metric, max);
        md.append("| ").append(label).append(" | ").append(num(upstream, format)).append(" | ")
                .append(num(ours, format)).append(" | ").append(ratio(ours, upstream)).append(" | ")
                .append(num(floor, format)).append(" |\n");
    }

    private static void daemonLives(StringBuilder md, Comparison c) {
        md.append("## Start-up and memory\n\n");
        md.append("Start-up: from launching the process to its socket accepting a connection. Idle RSS: one"
                + " second later, before any load. Loaded RSS: after the last run of the repetition; peak: VmHWM"
                + " over the daemon's life. gssproxy4j started "
                + (RunningDaemon.aotOptions().isEmpty()
                        ? "without an AOT cache (GSSPROXY4J_AOT=0 or recording failed)"
                        : "from the launcher's AOT cache (scripts/aot.sh), as `./gssproxy4j serve` does")
                + ".\n\n");
        md.append("| | upstream gssproxy | gssproxy4j | gssproxy4j / upstream |\n|---|---:|---:|---:|\n");
        lifeRow(md, c, "start-up (ms)", l -> l.startup().toNanos() / 1e6, "%.0f");
        lifeRow(md, c, "idle RSS (MiB)", l -> l.idle().rssKb() / 1024.0, "%.1f");
        lifeRow(md, c, "loaded RSS (MiB)", l -> l.loaded().rssKb() / 1024.0, "%.1f");
        lifeRow(md, c, "peak RSS (MiB)", l -> l.loaded().peakRssKb() / 1024.0, "%.1f");
        md.append('\n');
    }

    private static void lifeRow(StringBuilder md, Comparison c, String label,
                                ToDoubleFunction<Comparison.Life> metric, String format) {
        double upstream = Latencies.median(c.lives(UPSTREAM).stream().map(l -> metric.applyAsDouble(l)).toList());
        double ours = Latencies.median(c.lives(OURS).stream().map(l -> metric.applyAsDouble(l)).toList());
        md.append("| ").append(label).append(" | ").append(num(upstream, format)).append(" | ")
                .append(num(ours, format)).append(" | ").append(ratio(ours, upstream)).append(" |\n");
    }

    private static double aggregate(List<RunResult> results, ToDoubleFunction<RunResult> metric, boolean max) {
        List<Double> values = results.stream().map(r -> metric.applyAsDouble(r)).toList();
        return max ? values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                : Latencies.median(values);
    }

    static String num(double value, String format) {
        return Double.isNaN(value) ? "–" : String.format(format, value);
    }

    static String ratio(double ours, double upstream) {
        return Double.isNaN(ours) || Double.isNaN(upstream) || upstream == 0 ? "–"
                : String.format("%.2f×", ours / upstream);
    }

    static String seconds(java.time.Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
