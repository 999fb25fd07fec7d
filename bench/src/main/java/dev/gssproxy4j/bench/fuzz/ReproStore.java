package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.Procedure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The reproduction files under {@code --out}: one directory per saved finding ({@code 001-DAEMON_DIED-call1234/})
 * holding the triggering record(s) as {@code *.call.bin} (whole records as sent, mark included: feed them back
 * with {@code bench/run fuzz --replay FILE...} or any socket tool) with a {@code .txt} beside each that says
 * where and how it was sent, and {@code findings.txt}, one line per finding. This is the only place the fuzzer
 * writes token bytes: they are keys and tickets of a throwaway realm, needed to reproduce.
 */
final class ReproStore {

    private final Path root;
    private final long runSeed;
    private int saved;

    ReproStore(Path root, long runSeed) {
        this.root = root;
        this.runSeed = runSeed;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output directory " + root, e);
        }
    }

    Path root() {
        return root;
    }

    /** A new directory for one finding. */
    synchronized Path findingDir(Finding.Kind kind, long callIndex) {
        saved++;
        Path dir = root.resolve(String.format(Locale.ROOT, "%03d-%s-call%d", saved, kind, callIndex));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Writes {@code name.call.bin} and {@code name.txt} for {@code mutant} in {@code dir}. */
    Path saveCall(Path dir, String name, Mutant mutant, String outcome) {
        Path bin = dir.resolve(name + ".call.bin");
        write(bin, mutant.record());
        write(dir.resolve(name + ".txt"), describe(mutant, outcome).getBytes(StandardCharsets.UTF_8));
        return bin;
    }

    /** Saves each call as {@code sub/NNN-callIDX}, in order. */
    void saveCalls(Path dir, String sub, Collection<Mutant> mutants, String outcome) {
        Path target = dir.resolve(sub);
        int n = 0;
        for (Mutant mutant : mutants) {
            try {
                Files.createDirectories(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + target, e);
            }
            saveCall(target, String.format(Locale.ROOT, "%03d-call%d", n++, mutant.index()), mutant, outcome);
        }
    }

    void saveText(Path dir, String fileName, String text) {
        write(dir.resolve(fileName), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Moves a file (the JVM's crash report) into {@code dir}. */
    void move(Path file, Path dir) {
        try {
            Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            saveText(dir, "crash-report-not-moved.txt", file + ": " + e);
        }
    }

    /** Deletes a file that is not worth keeping (a crash report of a finding counted but not saved). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover report is harmless.
        }
    }

    /** Appends one line to {@code findings.txt}. */
    synchronized void log(Finding finding) {
        String line = finding.kind() + " call " + finding.callIndex() + ": " + finding.inputClass() + " -- "
                + finding.detail() + finding.saved().map(p -> " -> " + root.relativize(p)).orElse("") + "\n";
        try {
            Files.writeString(root.resolve("findings.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve("findings.txt"), e);
        }
    }

    private String describe(Mutant mutant, String outcome) {
        return String.join("\n", List.of(
                "call: " + mutant.index(),
                "target: " + mutant.target(),
                "framing: " + mutant.framing(),
                "seed: " + mutant.seed(),
                "procedure: " + mutant.procedure().map(Procedure::name).orElse("(none)"),
                "location: " + mutant.location(),
                "input-class: " + mutant.inputClass(),
                "run-seed: " + runSeed,
                "bytes: " + mutant.record().length,
                "outcome: " + outcome)) + "\n";
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
