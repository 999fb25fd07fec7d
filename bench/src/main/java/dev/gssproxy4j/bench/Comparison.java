package dev.gssproxy4j.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one {@code bench/run compare} collected, in the order it happened.
 *
 * @param settings what was asked for
 * @param runs     every load run (daemons and floor), with its repetition number
 * @param lives    one entry per daemon start: start-up time and memory
 * @param failures runs or starts that failed outright, as messages
 */
public record Comparison(Settings settings, List<Run> runs, List<Life> lives, List<String> failures) {

    /**
     * @param daemons       daemon names in the order they run within a repetition
     * @param daemonWarmup  the unrecorded run after each daemon start
     * @param invocation    the command line, for the report's "reproduce" section
     * @param workloads     {@link #JAVA} and/or {@link InterposerWorkload} ids, in the order they run and report
     */
    public record Settings(int reps, Duration warmup, Duration duration, List<Integer> clients, List<String> daemons,
                           String realm, Duration daemonWarmup, String invocation, List<String> workloads) {}

    /** The Java load generator's workload: ACCEPT_SEC_CONTEXT sent by this JVM's own client. */
    public static final String JAVA = "java";

    /** The name a run of {@code daemon} (or {@code floor}) under {@code workload} carries in the results. */
    public static String target(String workload, String daemon) {
        return workload.equals(JAVA) ? daemon : InterposerWorkload.parse(workload).target(daemon);
    }

    /** The report's heading for {@code workload}. */
    public static String title(String workload) {
        return workload.equals(JAVA) ? "Java load generator (ACCEPT_SEC_CONTEXT sent directly, AP-REQs made in"
                + " advance)" : InterposerWorkload.parse(workload).title();
    }

    public record Run(int rep, RunResult result) {}

    /**
     * One daemon start.
     *
     * @param idle   memory one second after the socket accepted, before any load
     * @param loaded memory after the last run of the repetition ({@code peakRssKb} is the peak of the whole life)
     */
    public record Life(String daemon, int rep, Duration startup, ProcFs.Memory idle, ProcFs.Memory loaded) {}

    public Comparison() {
        this(null, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    public Comparison withSettings(Settings settings) {
        return new Comparison(settings, runs, lives, failures);
    }

    /** The results of {@code target} with {@code clients} clients, one per repetition. */
    public List<RunResult> results(String target, int clients) {
        return runs.stream().map(Run::result)
                .filter(r -> r.target().equals(target) && r.spec().clients() == clients).toList();
    }

    public List<Life> lives(String daemon) {
        return lives.stream().filter(l -> l.daemon().equals(daemon)).toList();
    }
}
