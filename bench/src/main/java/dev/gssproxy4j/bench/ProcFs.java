package dev.gssproxy4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux's proc(5) says about a process: CPU time from {@code /proc/PID/stat} (fields 14 utime and 15 stime,
 * summed over all threads, in clock ticks) and memory from {@code /proc/PID/status} ({@code VmRSS},
 * {@code VmHWM}, in kB).
 */
public final class ProcFs {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux architecture the project runs on (USER_HZ). */
    public static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcFs() {
    }

    /** CPU time a process has used, user plus system, in nanoseconds (10 ms resolution). */
    public static long cpuNanos(long pid) {
        return ticksToNanos(cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))));
    }

    /** The resident set size and its peak, from {@code /proc/PID/status}. */
    public static Memory memory(long pid) {
        return Memory.parse(read(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** The effective uid of this process ({@code Uid:} line of {@code /proc/self/status}, second field). */
    public static int effectiveUid() {
        String status = read(Path.of("/proc/self/status"));
        return (int) Long.parseLong(field(status, "Uid:").orElseThrow().split("\\s+")[1]);
    }

    /**
     * utime + stime of one {@code /proc/PID/stat} line. The command name (field 2) is in parentheses and may
     * contain spaces and ')', so fields are counted from the last ')': state is field 3.
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: no ')' after the command name");
        }
        String[] fields = statLine.substring(close + 1).trim().split("\\s+");
        if (fields.length < 13) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + fields.length + " fields after"
                    + " the command name, need at least 13");
        }
        // fields[0] is field 3 (state), so field 14 (utime) is fields[11] and field 15 (stime) fields[12].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** Resident memory in kB: now ({@code VmRSS}) and the peak since start ({@code VmHWM}). */
    public record Memory(long rssKb, long peakRssKb) {

        static Memory parse(String status) {
            return new Memory(kb(status, "VmRSS:"), kb(status, "VmHWM:"));
        }

        private static long kb(String status, String key) {
            String value = field(status, key).orElseThrow(() -> new IllegalArgumentException(
                    "no " + key + " line in /proc/PID/status (a kernel thread or a zombie has none)"));
            String[] parts = value.trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equals("kB")) {
                throw new IllegalArgumentException("unexpected " + key + " value '" + value.trim() + "'");
            }
            return Long.parseLong(parts[0]);
        }
    }

    private static Optional<String> field(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Optional.of(line.substring(key.length()));
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (has the process exited?)", e);
        }
    }
}
