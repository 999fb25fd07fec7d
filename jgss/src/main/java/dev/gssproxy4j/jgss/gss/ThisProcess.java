package dev.gssproxy4j.jgss.gss;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who this process is to the daemon, for error messages: the daemon matches callers by the effective uid the
 * kernel reports ({@code SO_PEERCRED}) and by {@code /proc/PID/exe}, so an admin fixing a refused caller needs
 * both. Read from {@code /proc/self/status} (no native code); "unknown" where that is unavailable.
 */
final class ThisProcess {

    private ThisProcess() {}

    /** E.g. {@code uid 999 (gp4j-svc), program /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}. */
    static String describe() {
        String uid = effectiveUid().map(String::valueOf).orElse("unknown");
        String program = ProcessHandle.current().info().command().orElse("unknown");
        return "uid " + uid + " (" + System.getProperty("user.name", "?") + "), program " + program;
    }

    /** The effective uid: the second number of the {@code Uid:} line of {@code /proc/self/status}. */
    static Optional<Integer> effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 ? Optional.of(Integer.parseInt(ids[1])) : Optional.empty();
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or /proc not mounted: the message says "unknown"
        }
        return Optional.empty();
    }
}
