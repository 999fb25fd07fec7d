package dev.gssproxy4j.bench.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench/run fuzz --replay FILE.call.bin...}: sends saved records, one connection each, to a fresh daemon
 * set up as for fuzzing, and says for each how the daemon answered or how it died (then it is restarted). The
 * socket comes from the {@code target:} line of the {@code .txt} beside the file ({@link ReproStore}). Records
 * that carry handles were sealed by the daemon of their run and are refused now, but most crash inputs (mutated
 * contexts, names, OIDs) do not depend on them. Exit status 1 if any record killed the daemon, drew a SYSTEM_ERR,
 * hung or grew the daemon by more than 128 MiB: a fix is verified when this exits 0 on the saved culprits.
 */
final class Replay {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long GROWTH_SHOWN_KB = 32 * 1024;
    /** A daemon that grows by this much while one record is replayed is killed (as by the campaign's limit). */
    private static final long KILL_ABOVE_KB = 512 * 1024;
    /** As the campaign's memory triage with the default limit: a quarter of 512 MiB. */
    private static final long GROWTH_FINDING_KB = 128 * 1024;

    private Replay() {
    }

    static int run(List<Path> files, Path out, PrintStream print) {
        int bad = 0;
        try (FuzzRealm realm = FuzzRealm.start(); FuzzDaemon daemon = FuzzDaemon.start(realm, out)) {
            for (Path file : files) {
                Mutant mutant = load(file);
                long pid = daemon.pid();
                Outcome[] outcome = {Outcome.closed("connect failed")};
                long growthKb = 0;
                try (FuzzConnection connection = FuzzConnection.open(daemon.socket(mutant.target()), pid)) {
                    growthKb = daemon.peakGrowthKb(() -> outcome[0] = Outcomes.classify(connection.exchange(
                            mutant.record(), mutant.framing(), TIMEOUT), mutant), KILL_ABOVE_KB);
                } catch (IOException e) {
                    // not sent: reported as a close
                }
                if (!daemon.serving() && daemon.awaitExit(TIMEOUT).isPresent()) {
                    CrashReport crash = CrashReport.of(daemon.awaitExit(Duration.ZERO), daemon.stderrTail(4000),
                            CrashHandler.read(daemon.crashReport(pid)));
                    print.println(file + ": DAEMON DIED: " + crash.describe()
                            + daemon.crashReport(pid).map(r -> " (" + r + ")").orElse(""));
                    bad++;
                    daemon.restart();
                    continue;
                }
                boolean finding = outcome[0].kind() == Outcome.Kind.SYSTEM_ERR
                        || outcome[0].kind() == Outcome.Kind.TIMEOUT || growthKb > GROWTH_FINDING_KB;
                print.println(file + ": " + outcome[0].label() + (growthKb > GROWTH_SHOWN_KB
                        ? ", daemon RSS rose by " + growthKb / 1024 + " MiB during the call" : "")
                        + (finding ? "  <- FINDING" : ""));
                bad += finding ? 1 : 0;
                if (growthKb > GROWTH_SHOWN_KB) {
                    daemon.restart(); // the next record gets a daemon of normal size
                }
            }
        }
        return bad == 0 ? 0 : 1;
    }

    private static Mutant load(Path file) {
        try {
            byte[] record = Files.readAllBytes(file);
            Path about = file.resolveSibling(file.getFileName().toString().replace(".call.bin", ".txt"));
            List<String> lines = Files.isRegularFile(about) ? Files.readAllLines(about) : List.of();
            Target target = field(lines, "target").map(Target::valueOf).orElse(Target.ACCEPTOR);
            boolean framing = field(lines, "framing").map(Boolean::parseBoolean).orElse(false);
            return new Mutant(-1, target, file.toString(), MutantFactory.procedureIn(record), "replay", "replay",
                    record, false, framing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Optional<String> field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name + ": ")).map(l -> l.substring(name.length() + 2).strip())
                .findFirst();
    }
}
