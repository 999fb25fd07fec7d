package dev.gssproxy4j.bench.fuzz;

import java.io.PrintStream;
import java.util.Map;

/** The report at the end of a run: volume, rate, outcome histogram, memory, findings. */
final class FuzzSummary {

    private FuzzSummary() {
    }

    static void print(FuzzCampaign.Result result, Findings findings, FuzzSettings settings, PrintStream out) {
        double seconds = Math.max(1e-3, result.elapsed().toNanos() / 1e9);
        out.printf("fuzz: %d calls in %.1f s = %.0f calls/s over %d connections (seed %d)%s%n", result.calls(),
                seconds, result.calls() / seconds, settings.connections(), settings.seed(),
                result.skipped() == 0 ? "" : "; " + result.skipped() + " skipped (--skip)");
        out.printf("fuzz: daemon max RSS %d MiB (limit %d MiB), %d daemon restart(s)%n", result.maxRssKb() / 1024,
                settings.rssLimitKb() / 1024, result.restarts());
        out.println("time per procedure (wall, with " + settings.connections() + " calls in flight):");
        result.times().describe().forEach(line -> out.println("  " + line));
        out.println("outcomes:");
        for (Map.Entry<String, Long> entry : result.histogram().sorted()) {
            out.printf("  %8d  %s%n", entry.getValue(), entry.getKey());
        }
        if (findings.isEmpty()) {
            out.println("findings: none");
            return;
        }
        out.printf("findings: %d (%d distinct), saved under %s%n", findings.total(), findings.groups().size(),
                settings.out());
        for (Findings.Group group : findings.groups()) {
            Finding first = group.first();
            out.printf("  %-15s x%-5d %s%n      first at call %d: %s%n      %s%s%n", first.kind(), group.count(),
                    first.location(), first.callIndex(), first.inputClass(), first.detail(),
                    first.saved().map(p -> "\n      -> " + p).orElse(""));
        }
    }
}
