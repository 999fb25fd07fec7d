package dev.gssproxy4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine and software a comparison ran on, for the report: CPUs, CPU model, memory, kernel, JDK, the MIT
 * krb5 and gssproxy Debian packages, and the gssproxy4j commit.
 */
public record MachineInfo(int cpus, String cpuModel, long memoryKb, String kernel, String jdk, String mitKrb5,
                          String gssproxyPackage, String commit) {

    /** Collects what it can; unknown values read {@code unknown}. */
    public static MachineInfo collect(Path repoRoot) {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                line(read("/proc/cpuinfo"), "model name").orElse("unknown"),
                line(read("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replace("kB", "").trim()))
                        .orElse(-1L),
                read("/proc/sys/kernel/osrelease").strip(),
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                run(List.of("dpkg-query", "-W", "-f=${Version}", "libkrb5-3"), repoRoot).orElse("unknown"),
                run(List.of("dpkg-query", "-W", "-f=${Version}", "gssproxy"), repoRoot).orElse("unknown"),
                run(List.of("git", "describe", "--always", "--dirty"), repoRoot).orElse("unknown"));
    }

    /** The value of the first {@code key : value} line of a /proc file. */
    static Optional<String> line(String text, String key) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                return Optional.of(line.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
