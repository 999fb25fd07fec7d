package dev.gssproxy4j.cli;

import dev.gssproxy4j.server.config.Defaults;
import dev.gssproxy4j.server.stats.StatsSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gssproxy4j stats}: what a running daemon has done since it started, read from its admin socket (next to
 * its main socket, root only). Prints a table, or with {@code --raw} the Prometheus text the socket serves.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Print a running daemon's statistics since its start: calls, failures by major status and "
                + "latency per procedure and service, open connections, cache hit rates. Root only.",
                "Exit status: 0 printed, 1 no daemon statistics could be read."})
final class StatsCommand implements Callable<Integer> {

    /** A report is a few kilobytes; this bounds what a wrong socket could make us hold. */
    private static final int MAX_REPORT = 16 << 20;

    @Option(names = {"-s", "--socket"}, paramLabel = "SOCKET",
            description = "The daemon's main socket (default /var/lib/gssproxy/default.sock); the statistics "
                    + "socket is gssproxy4j-stats.sock beside it.")
    Path mainSocket;

    @Option(names = "--stats-socket", paramLabel = "PATH", description = "The statistics socket itself.")
    Path statsSocket;

    @Option(names = "--raw", description = "Print the Prometheus text format as served (docs/STATS.md).")
    boolean raw;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path socket = statsSocket != null ? statsSocket
                : StatsSocket.besideMainSocket(mainSocket != null ? mainSocket.toAbsolutePath() : Defaults.MAIN_SOCKET);
        String text;
        try {
            text = read(socket);
        } catch (IOException e) {
            err.println("gssproxy4j stats: " + explain(socket, e));
            return 1;
        }
        if (text.isEmpty()) {
            err.println("gssproxy4j stats: " + socket + " sent nothing: only root and the daemon's own user may read "
                    + "the statistics (run as root)");
            return 1;
        }
        if (raw) {
            out.print(text);
        } else {
            printTable(out, StatsText.parse(text));
        }
        out.flush();
        return 0;
    }

    private static String read(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                bytes.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (bytes.size() > MAX_REPORT) {
                    throw new IOException("more than " + MAX_REPORT + " bytes: not a gssproxy4j statistics socket");
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static String explain(Path socket, IOException e) {
        if (!Files.exists(socket)) {
            return "no statistics socket at " + socket + ": is gssproxy4j serving with that main socket? (give it "
                    + "with -s SOCKET, as to serve)";
        }
        if (e instanceof java.nio.file.AccessDeniedException || String.valueOf(e.getMessage()).contains("denied")) {
            return "cannot open " + socket + ": only root may read the statistics (run as root)";
        }
        return "cannot read " + socket + ": " + e.getMessage() + " (is the daemon still running?)";
    }

    private static void printTable(PrintWriter out, List<StatsText.Sample> samples) {
        double uptime = value(samples, "gssproxy4j_uptime_seconds");
        out.printf("up %s, %d connections open%n%n", duration((long) uptime),
                (long) value(samples, "gssproxy4j_connections_open"));
        Map<String, Map<String, Double>> rows = new TreeMap<>();
        for (StatsText.Sample s : samples) {
            String row = s.label("procedure") + "\t" + s.label("service");
            switch (s.name()) {
                case "gssproxy4j_calls_total" -> rows.computeIfAbsent(row, r -> new TreeMap<>()).put("calls", s.value());
                case "gssproxy4j_call_failures_total" ->
                        rows.computeIfAbsent(row, r -> new TreeMap<>()).merge("failures", s.value(), Double::sum);
                case "gssproxy4j_call_duration_microseconds" ->
                        rows.computeIfAbsent(row, r -> new TreeMap<>()).put("q" + s.label("quantile"), s.value());
                default -> { }
            }
        }
        out.printf("%-24s %-20s %10s %9s %9s %9s %9s %9s%n", "procedure", "service", "calls", "failures",
                "p50 µs", "p90 µs", "p99 µs", "p99.9 µs");
        rows.forEach((row, v) -> {
            String[] key = row.split("\t", 2);
            out.printf("%-24s %-20s %10.0f %9.0f %9.0f %9.0f %9.0f %9.0f%n", key[0], key[1],
                    v.getOrDefault("calls", 0.0), v.getOrDefault("failures", 0.0), v.getOrDefault("q0.5", 0.0),
                    v.getOrDefault("q0.9", 0.0), v.getOrDefault("q0.99", 0.0), v.getOrDefault("q0.999", 0.0));
        });
        List<StatsText.Sample> failures = samples.stream()
                .filter(s -> s.name().equals("gssproxy4j_call_failures_total")).toList();
        if (!failures.isEmpty()) {
            out.printf("%nfailures by major status%n");
            failures.forEach(s -> out.printf("%-24s %-20s %-28s %10.0f%n", s.label("procedure"), s.label("service"),
                    s.label("major"), s.value()));
        }
        out.printf("%n%-22s %10s %10s %9s%n", "cache", "hits", "misses", "hit rate");
        Map<String, double[]> caches = new TreeMap<>();
        for (StatsText.Sample s : samples) {
            if (s.name().equals("gssproxy4j_cache_hits_total")) {
                caches.computeIfAbsent(s.label("cache"), c -> new double[2])[0] = s.value();
            } else if (s.name().equals("gssproxy4j_cache_misses_total")) {
                caches.computeIfAbsent(s.label("cache"), c -> new double[2])[1] = s.value();
            }
        }
        caches.forEach((cache, hm) -> out.printf("%-22s %10.0f %10.0f %9s%n", cache, hm[0], hm[1],
                hm[0] + hm[1] == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * hm[0] / (hm[0] + hm[1]))));
        out.printf("keytab copies made: %.0f%n", value(samples, "gssproxy4j_keytab_copies_total"));
    }

    private static double value(List<StatsText.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(StatsText.Sample::value).sum();
    }

    private static String duration(long seconds) {
        return seconds >= 86400 ? seconds / 86400 + "d " + seconds % 86400 / 3600 + "h"
                : seconds >= 3600 ? seconds / 3600 + "h " + seconds % 3600 / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s";
    }
}
