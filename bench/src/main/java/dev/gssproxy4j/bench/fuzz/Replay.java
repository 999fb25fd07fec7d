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
 * contexts, names, OIDs) do not depend on them. Exit status 1 if any record killed the daemon, drew a SYSTEM_ERR
 * or hung: a fix is verified when this exits 0 on the saved culprits.
 */
final class Replay {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Replay() {
    }

    static int run(List<Path> files, Path out, PrintStream print) {
        int bad = 0;
        try (FuzzRealm realm = FuzzRealm.start(); FuzzDaemon daemon = FuzzDaemon.start(realm, out)) {
            for (Path file : files) {
                Mutant mutant = load(file);
                long pid = daemon.pid();
                Outcome outcome;
                try (FuzzConnection connection = FuzzConnection.open(daemon.socket(mutant.target()), pid)) {
                    outcome = Outcomes.classify(connection.exchange(mutant.record(), mutant.framing(), TIMEOUT),
                            mutant);
                } catch (IOException e) {
                    outcome = Outcome.closed("connect failed");
                }
                FuzzDaemon.sleep(Duration.ofMillis(100));
                if (!daemon.serving() && daemon.awaitExit(TIMEOUT).isPresent()) {
                    CrashReport crash = CrashReport.of(daemon.awaitExit(Duration.ZERO), daemon.stderrTail(4000),
                            CrashHandler.read(daemon.crashReport(pid)));
                    print.println(file + ": DAEMON DIED: " + crash.describe());
                    bad++;
                    daemon.restart();
                } else {
                    boolean finding = outcome.kind() == Outcome.Kind.SYSTEM_ERR
                            || outcome.kind() == Outcome.Kind.TIMEOUT;
                    print.println(file + ": " + outcome.label() + (finding ? "  <- FINDING" : ""));
                    bad += finding ? 1 : 0;
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
