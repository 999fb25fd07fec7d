package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.bench.Flags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The options of {@code bench/run fuzz}.
 *
 * @param calls       stop after this many calls ({@link Long#MAX_VALUE} with only {@code --seconds})
 * @param duration    stop after this long; {@link Duration#ZERO} for no time limit
 * @param connections calls in flight at once, each on its own connection
 * @param seed        the run's seed: call {@code n}'s mutation is a function of it and {@code n}
 * @param rssLimitKb  daemon RSS above which a finding is reported
 * @param out         where reproduction files go
 * @param keepGoing   restart the daemon after a crash and go on counting findings
 * @param callTimeout a call without a reply for this long is a hang
 * @param keepRecent  how many of the last calls sent are saved after a crash
 * @param skip        calls whose input class matches are not sent (known findings not fixed yet)
 */
record FuzzSettings(long calls, Duration duration, int connections, long seed, long rssLimitKb, Path out,
                    boolean keepGoing, Duration callTimeout, int keepRecent, Optional<Pattern> skip) {

    static final long DEFAULT_CALLS = 20_000;

    static final Set<String> WITH_VALUE = Set.of("calls", "seconds", "connections", "seed", "rss-limit-mib", "out",
            "timeout", "keep-recent", "skip");
    static final Set<String> SWITCHES = Set.of("keep-going");

    FuzzSettings {
        if (calls <= 0 || connections <= 0 || rssLimitKb <= 0 || keepRecent <= 0 || duration.isNegative()
                || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("--calls, --connections, --rss-limit-mib, --keep-recent and --timeout"
                    + " must be positive");
        }
    }

    static FuzzSettings from(Flags flags) {
        boolean bySeconds = flags.isSet("seconds");
        long calls = flags.longValue("calls", bySeconds ? Long.MAX_VALUE : DEFAULT_CALLS);
        Duration duration = bySeconds ? Flags.parseDuration("--seconds", flags.string("seconds", "0"))
                : Duration.ZERO;
        long seed = flags.isSet("seed") ? flags.longValue("seed", 0) : System.nanoTime();
        Path out = flags.isSet("out") ? Path.of(flags.string("out", "")) : temporaryOut();
        return new FuzzSettings(calls, duration, flags.integer("connections", 4), seed,
                flags.longValue("rss-limit-mib", 512) * 1024, out.toAbsolutePath(), flags.isSet("keep-going"),
                flags.duration("timeout", Duration.ofSeconds(10)), flags.integer("keep-recent", 64),
                flags.isSet("skip") ? Optional.of(pattern(flags.string("skip", ""))) : Optional.empty());
    }

    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--skip must be a regular expression: " + e.getMessage());
        }
    }

    private static Path temporaryOut() {
        try {
            return Files.createTempDirectory("gssproxy4j-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary output directory; give --out DIR", e);
        }
    }
}
