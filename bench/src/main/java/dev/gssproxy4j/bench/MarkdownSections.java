package dev.gssproxy4j.bench;

/** The descriptive sections of the comparison report: machine, method, KDC check, raw runs, how to reproduce. */
final class MarkdownSections {

    private MarkdownSections() {
    }

    static void machine(StringBuilder md, MachineInfo m) {
        md.append("## Machine and versions\n\n| | |\n|---|---|\n")
                .append("| CPUs (nproc) | ").append(m.cpus()).append(" |\n")
                .append("| CPU model | ").append(m.cpuModel()).append(" |\n")
                .append("| memory | ").append(m.memoryKb() < 0 ? "unknown"
                        : String.format("%.1f GiB", m.memoryKb() / 1024.0 / 1024.0)).append(" |\n")
                .append("| kernel | ").append(m.kernel()).append(" |\n")
                .append("| JDK (load generator and gssproxy4j) | ").append(m.jdk()).append(" |\n")
                .append("| MIT krb5 (libkrb5-3) | ").append(m.mitKrb5()).append(" |\n")
                .append("| upstream gssproxy (Debian package) | ").append(m.gssproxyPackage()).append(" |\n")
                .append("| gssproxy4j commit | ").append(m.commit()).append(" |\n\n");
        md.append("The load generator, the daemon under test and (for Kerby) the KDC share these CPUs; the KDC is"
                + " idle during runs (see below).\n\n");
    }

    static void method(StringBuilder md, String realm, java.time.Duration daemonWarmup) {
        md.append("## What is measured\n\n")
                .append("* Realm: a throwaway ").append(realm.equals("mit") ? "MIT krb5kdc" : "Apache Kerby")
                .append(" KDC, service `HTTP/localhost` (aes256-cts-hmac-sha1-96), user `alice` with a TGT in a"
                        + " FILE ccache.\n")
                .append("* Both daemons get the same `gssproxy.conf`: `debug_level = 0`, one service with"
                        + " `mechs = krb5`, `cred_store = keytab:<service keytab>`, `euid = <our uid>`,"
                        + " `socket = <temporary socket>`. Upstream is `/usr/sbin/gssproxy -i` (testkit"
                        + " `UpstreamGssproxy`), ours `java -jar cli/target/gssproxy4j.jar serve -i -c CONF -s SOCK`"
                        + " (testkit `Gssproxy4jDaemon`, with the launcher's JVM options from"
                        + " `scripts/daemon-jvm-options` and its AOT cache). Each keeps its replay cache in a"
                        + " directory of its own.\n")
                .append("* One operation = what an interposed web server does per request: ACCEPT_SEC_CONTEXT of a"
                        + " fresh AP-REQ with the credential handle from one ACQUIRE_CRED per connection (byte"
                        + " layout as `shared/wire/accept/02` and `04`), `gss_import_sec_context` of the returned"
                        + " context in the client process, one `gss_unwrap` of a ~70-byte message the initiator"
                        + " wrapped, and a check of the plaintext. N clients = N threads, one connection each,"
                        + " closed loop.\n")
                .append("* AP-REQs come from MIT `gss_init_sec_context` (flags CONF|INTEG|REPLAY|SEQUENCE, no"
                        + " MUTUAL so one leg completes both sides) with the cached service ticket. They are all"
                        + " made **before** each run, so the measured window spends no CPU on the initiator.\n")
                .append("* Latency percentiles: the ACCEPT_SEC_CONTEXT round trip only (the floor: the"
                        + " `gss_accept_sec_context` call). Accepts/s: whole successful operations in the window."
                        + " Daemon CPU: utime+stime of the daemon PID (`/proc/PID/stat`, all threads, 10 ms ticks)"
                        + " over the window, per operation. RSS: `VmRSS` / `VmHWM` of `/proc/PID/status`.\n")
                .append("* Every run has its own warm-up (not counted). Before the first repetition an unrecorded"
                        + " run against upstream and the floor (`--jit-warmup`) lets the load generator's JIT settle."
                        + " Each daemon is started fresh in every repetition; after its idle RSS is read it gets an"
                        + " unrecorded run of ").append(CompareReport.seconds(daemonWarmup)).append(" at the highest"
                        + " client count (`--daemon-warmup`), so that the JVM daemon is measured JIT-compiled, as a"
                        + " long-running daemon is.\n")
                .append("* Floor: the same loop with no proxy: `gss_acquire_cred_from(keytab)` once per client,"
                        + " then `gss_accept_sec_context` + `gss_unwrap` in the load generator's JVM. Its CPU and"
                        + " RSS are those of that JVM.\n")
                .append("* Reference figures from the issue (same kind of machine): upstream ~180 µs daemon CPU per"
                        + " accept, ~4,500 accepts/s with 4 clients on 2 cores, ~11,600/s for the floor.\n\n");
    }

    static void kdcAndFailures(StringBuilder md, Comparison c) {
        long kdc = c.runs().stream().mapToLong(r -> Math.max(0, r.result().kdcRequests())).sum();
        md.append("## KDC out of the loop\n\nKDC requests counted from the start of each pool's generation to the"
                + " end of its run, summed over all runs: **").append(kdc).append("** (the service ticket was"
                + " fetched once before the first run).\n\n");
        if (!c.failures().isEmpty()) {
            md.append("## Failures\n\n");
            c.failures().forEach(f -> md.append("* ").append(f.replace('\n', ' ')).append('\n'));
            md.append('\n');
        }
        boolean errors = c.runs().stream().anyMatch(r -> !r.result().errorSamples().isEmpty());
        if (errors) {
            md.append("## Error messages\n\n");
            for (Comparison.Run run : c.runs()) {
                run.result().errorSamples().forEach((message, count) -> md.append("* rep ").append(run.rep())
                        .append(", ").append(run.result().target()).append(", ").append(run.result().spec().clients())
                        .append(" clients, ×").append(count).append(": ").append(message.replace('\n', ' '))
                        .append('\n'));
            }
            md.append('\n');
        }
    }

    static void everyRun(StringBuilder md, Comparison c) {
        md.append("## Every run\n\n| rep | target | clients | accepts/s | p50 µs | p99 µs | p99.9 µs | daemon CPU"
                + " µs/op | window s | ops | errors | tokens used/made |\n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Comparison.Run run : c.runs()) {
            RunResult r = run.result();
            md.append("| ").append(run.rep()).append(" | ").append(r.target()).append(" | ")
                    .append(r.spec().clients()).append(" | ").append(CompareReport.num(r.opsPerSecond(), "%.0f"))
                    .append(" | ").append(CompareReport.num(r.latency().p50Micros(), "%.0f"))
                    .append(" | ").append(CompareReport.num(r.latency().p99Micros(), "%.0f"))
                    .append(" | ").append(CompareReport.num(r.latency().p999Micros(), "%.0f"))
                    .append(" | ").append(CompareReport.num(r.daemonCpuMicros(), "%.0f"))
                    .append(" | ").append(String.format("%.2f", r.windowSeconds()))
                    .append(" | ").append(r.ops()).append(" | ").append(r.errors())
                    .append(" | ").append(r.poolUsed()).append('/').append(r.poolSize())
                    .append(r.poolExhausted() ? " (ran out)" : "").append(" |\n");
        }
        md.append('\n');
    }

    static void reproduce(StringBuilder md, Comparison.Settings s) {
        md.append("## Reproduce\n\n```sh\n")
                .append("# Debian packages: krb5-user krb5-gss-samples gssproxy (krb5-kdc for --realm mit); JDK 25\n")
                .append(s.invocation()).append('\n')
                .append("bench/run loadgen --target upstream --clients 4 --duration 10s   # one daemon, one shot\n")
                .append("bench/run loadgen --target floor --clients 1,4                  # the no-proxy floor\n")
                .append("bench/run jmh                                                  # codec/seal/dispatch\n")
                .append("```\n\nRun it on an otherwise idle machine: the daemon, the load generator and the KDC"
                        + " share the CPUs, so anything else running skews every figure.\n");
    }
}
