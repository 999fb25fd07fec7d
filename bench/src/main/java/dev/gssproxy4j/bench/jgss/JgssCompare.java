package dev.gssproxy4j.bench.jgss;

import dev.gssproxy4j.bench.BenchRealm;
import dev.gssproxy4j.bench.Flags;
import dev.gssproxy4j.bench.RunningDaemon;
import dev.gssproxy4j.testkit.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run jgss}: a Java acceptor four ways, side by side, on one realm, one gssproxy4j daemon and (for the
 * fourth) upstream gssproxy (issue 13's benchmark). The same {@link JgssWorkload} runs in a child JVM configured as
 * <ol>
 *   <li><b>provider</b>: {@code -javaagent:gssproxy4j-jgss.jar}, accepting through the daemon (REMOTE_ONLY), the
 *       initiator with alice's ticket cache in the JVM (LOCAL_ONLY);</li>
 *   <li><b>native+interposer</b>: {@code -Dsun.security.jgss.native=true} on MIT's libgssapi with the gssproxy
 *       interposer ({@code GSS_USE_PROXY=yes}, {@code GSSPROXY_BEHAVIOR=LOCAL_FIRST}: the initiator finds the
 *       ticket cache, the acceptor has no keytab and goes to the daemon);</li>
 *   <li><b>SunJGSS</b>: the JDK's own krb5 with the keytab in the JVM (a JAAS login with it);</li>
 *   <li><b>upstream</b>: as 1, the provider accepting through Debian's {@code /usr/sbin/gssproxy} instead: the same
 *       client, so the daemon columns compare the two daemons call for call.</li>
 * </ol>
 * for {@code contexts} (whole context establishments per second) and {@code messages} (1 KiB wrap+unwrap round
 * trips per second), at each thread count. Prints a Markdown table. The initiator differs with the configuration
 * (the JDK's krb5 in 1, 3 and 4, logged in with JAAS from alice's ticket cache and keeping its service tickets in that
 * Subject; MIT in 2, keeping them in the ticket cache), so context figures include it.
 *
 * <p>Flags: {@code --threads 1,4} {@code --duration 10s} {@code --warmup 10s} (unmeasured, per run) {@code --realm
 * kerby|mit} {@code --workloads contexts,messages} {@code --configurations provider,native,sunjgss,upstream} (a
 * subset, to look at one row; upstream gssproxy is started only when named). {@code BENCH_JGSS_JAVA_OPTS} adds JVM
 * options to every child (e.g. for a profiler).
 */
public final class JgssCompare {

    private static final Pattern RESULT = Pattern.compile("ops (\\d+) seconds ([0-9.]+) p50us ([0-9.]+) "
            + "p99us ([0-9.]+) daemoncpuus ([0-9.]+) jvmcpuus ([0-9.]+)");

    private JgssCompare() {}

    public static void main(String[] args) throws IOException {
        Flags flags = Flags.parse(args, Set.of("threads", "duration", "warmup", "realm", "workloads",
                "configurations"), Set.of());
        List<Integer> threads = flags.integers("threads", List.of(1, 4));
        List<String> workloads = flags.strings("workloads", List.of("contexts", "messages"));
        List<String> chosen = flags.strings("configurations", List.of("provider", "native", "sunjgss",
                "upstream"));
        long seconds = Math.max(1, flags.duration("duration", Duration.ofSeconds(10)).toSeconds());
        long warmup = flags.duration("warmup", Duration.ofSeconds(10)).toSeconds();
        try (BenchRealm realm = BenchRealm.start(flags.string("realm", "kerby"));
             RunningDaemon ours = RunningDaemon.start(RunningDaemon.OURS, realm);
             RunningDaemon upstream = chosen.contains("upstream")
                     ? RunningDaemon.start(RunningDaemon.UPSTREAM, realm) : null) {
            Map<String, Configuration> configurations = configurations(realm, ours, upstream);
            configurations.keySet().retainAll(chosen.stream().map(SHORT_NAMES::get).toList());
            System.out.println("| configuration | workload | threads | ops/s | p50 µs | p99 µs "
                    + "| daemon CPU µs/op | JVM CPU µs/op |");
            System.out.println("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
            for (String workload : workloads) {
                for (int n : threads) {
                    for (Map.Entry<String, Configuration> entry : configurations.entrySet()) {
                        System.out.println("| " + entry.getKey() + " | " + workload + " | " + n + " | "
                                + run(entry.getValue(), workload, n, seconds, warmup) + " |");
                    }
                }
            }
        }
    }

    /** The {@code --configurations} names of the table's rows. */
    private static final Map<String, String> SHORT_NAMES = Map.of("provider", "provider (gssproxy4j-jgss)",
            "native", "native + interposer", "sunjgss", "SunJGSS (keytab in the JVM)",
            "upstream", "provider on upstream gssproxy");

    /** JVM options and environment of one way of doing Kerberos, and the daemon it uses (null: none). */
    private record Configuration(List<String> jvmOptions, Map<String, String> environment, RunningDaemon daemon) {}

    /** Every configuration; the upstream one only if {@code upstream} (nullable) was started. */
    private static Map<String, Configuration> configurations(BenchRealm realm, RunningDaemon ours,
                                                             RunningDaemon upstream) throws IOException {
        Path krb5Conf = realm.dir().resolve("krb5.conf");
        Map<String, String> client = realm.clientEnvironment();
        // the JDK's krb5 as Java services run it: JAAS logins, service tickets kept in the initiator's Subject
        List<String> jdkKrb5 = List.of("-Djava.security.krb5.conf=" + krb5Conf,
                "-Djavax.security.auth.useSubjectCredsOnly=true",
                "-Dbench.jaas.ccache=" + realm.ccache());

        Map<String, Configuration> all = new LinkedHashMap<>();
        all.put("provider (gssproxy4j-jgss)", new Configuration(concat(jdkKrb5, agent(ours)), client, ours));
        Map<String, String> interposer = new LinkedHashMap<>(client);
        interposer.put("GSS_USE_PROXY", "yes");
        interposer.put("GSSPROXY_BEHAVIOR", "LOCAL_FIRST");
        interposer.put("GSSPROXY_SOCKET", ours.socket().toString());
        interposer.put("KRB5_KTNAME", "FILE:/nonexistent");
        all.put("native + interposer", new Configuration(List.of("-Dsun.security.jgss.native=true",
                "-Dsun.security.jgss.lib=libgssapi_krb5.so.2", "-Djavax.security.auth.useSubjectCredsOnly=false"),
                interposer, ours));
        all.put("SunJGSS (keytab in the JVM)", new Configuration(concat(jdkKrb5, List.of(
                "-Dbench.jaas.keytab=" + realm.keytab())), client, null));
        if (upstream != null) {
            all.put("provider on upstream gssproxy", new Configuration(concat(jdkKrb5, agent(upstream)), client,
                    upstream));
        }
        return all;
    }

    /** The agent flag of the provider: accepting through {@code daemon}, initiating with the JVM's own krb5. */
    private static List<String> agent(RunningDaemon daemon) {
        return List.of("-javaagent:" + agentJar() + "=socket=" + daemon.socket()
                + ",behavior.initiate=LOCAL_ONLY,behavior.accept=REMOTE_ONLY");
    }

    /**
     * One child JVM; "ops/s | p50 | p99 | daemon CPU per operation | the child's CPU per operation", or the
     * failure. Both CPU figures cover the measured run only (the child reads them, see {@link JgssWorkload}): a
     * message is one daemon call for the provider and none for the others, a context ACQUIRE_CRED and
     * ACCEPT_SEC_CONTEXT for the provider and the interposer, nothing for SunJGSS. Their sum is what an operation
     * costs the machine, initiator included.
     */
    private static String run(Configuration configuration, String workload, int threads, long seconds,
                              long warmup) {
        long daemonPid = configuration.daemon() == null ? 0 : configuration.daemon().pid();
        String extra = System.getenv().getOrDefault("BENCH_JGSS_JAVA_OPTS", "").strip();
        List<String> options = concat(configuration.jvmOptions(), extra.isEmpty() ? List.of()
                : List.of(extra.split("\\s+")));
        List<String> command = concat(List.of(java(), "-Dbench.daemonPid=" + daemonPid), concat(options, List.of(
                "-cp",
                System.getProperty("java.class.path"), JgssWorkload.class.getName(), workload,
                Integer.toString(threads), Long.toString(seconds), BenchRealm.SERVICE, Long.toString(warmup))));
        ChildProcess.Result result = ChildProcess.command(command).environment(configuration.environment())
                .run(Duration.ofSeconds(warmup + seconds + 120));
        Matcher m = RESULT.matcher(result.stdout());
        if (result.exitCode() != 0 || !m.find()) {
            return "failed: " + (result.stdout() + result.stderr()).strip().replace('\n', ' ').replace('|', '/')
                    + " | | | | ";
        }
        double perSecond = Long.parseLong(m.group(1)) / Double.parseDouble(m.group(2));
        return String.format("%.0f | %s | %s | %s | %s", perSecond, m.group(3), m.group(4), m.group(5), m.group(6));
    }

    private static Path agentJar() {
        String configured = System.getProperty("gssproxy4j.jgssJar");
        Path jar = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("gssproxy4j.root", ".")).resolve("jgss/target/gssproxy4j-jgss.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it (mvn -pl jgss -am package) or set "
                    + "-Dgssproxy4j.jgssJar");
        }
        return jar.toAbsolutePath();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
