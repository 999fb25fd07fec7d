package dev.gssproxy4j.bench.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the daemon died, in one line: its exit status (128 + N for signal N; 1 after a JVM crash report, since the
 * daemon runs without core dumps) and the cause found in its last words
 * or in the JVM's crash report: a fault in native code ({@code SIGSEGV in libgssapi_krb5.so.2 (frame)}), a C
 * assertion (MIT's {@code assert}), a glibc heap check ({@code free(): invalid pointer}), an OutOfMemoryError.
 */
record CrashReport(OptionalInt exitStatus, String cause) {

    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS",
            8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");
    private static final Pattern JVM_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern GLIBC_HEAP = Pattern.compile(
            "(free\\(\\)|malloc\\(\\)|realloc\\(\\)|double free|corrupted|malloc_consolidate|munmap_chunk)[^\\n]*");
    /** The first frame of our own code in the report's Java stack: which call into native code faulted. */
    private static final Pattern OUR_FRAME = Pattern.compile(
            "^[jJ]\\s+(?:\\d+\\s+\\S+\\s+)?(dev\\.gssproxy4j\\.[\\w.$]+)\\(", Pattern.MULTILINE);
    private static final int MAX_CAUSE = 240;

    static CrashReport of(OptionalInt exitStatus, String stderrTail, Optional<String> jvmReport) {
        return new CrashReport(exitStatus, cause(stderrTail, jvmReport));
    }

    /** E.g. {@code exit status 134 (SIGABRT): assertion failed: ...}. */
    String describe() {
        String status = exitStatus.isEmpty() ? "still running"
                : "exit status " + exitStatus.getAsInt() + signalName(exitStatus.getAsInt());
        return status + (cause.isEmpty() ? "" : ": " + cause);
    }

    private static String signalName(int status) {
        return status > 128 ? " (" + SIGNALS.getOrDefault(status - 128, "signal " + (status - 128)) + ")" : "";
    }

    private static String cause(String stderr, Optional<String> jvmReport) {
        if (jvmReport.isPresent()) {
            return cut(nativeFault(jvmReport.get()));
        }
        for (String line : stderr.lines().toList().reversed()) {
            if (line.contains("Assertion") && line.contains("failed")) {
                return cut("assertion failed: " + line.strip());
            }
        }
        Matcher heap = GLIBC_HEAP.matcher(stderr);
        if (heap.find()) {
            return cut("glibc heap check: " + heap.group().strip());
        }
        if (stderr.contains("OutOfMemoryError")) {
            return "java.lang.OutOfMemoryError";
        }
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : cut("last stderr line: " + lines.getLast());
    }

    /** {@code SIGSEGV in <frame>} from the report's "Problematic frame" section. */
    private static String nativeFault(String report) {
        Matcher signal = JVM_SIGNAL.matcher(report);
        String name = signal.find() ? signal.group(1) : "fatal error";
        List<String> lines = report.lines().toList();
        Matcher ours = OUR_FRAME.matcher(report);
        String from = ours.find() ? " called from " + ours.group(1) : "";
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("# Problematic frame:")) {
                return name + " in " + lines.get(i + 1).replaceFirst("^#\\s*", "").strip() + from
                        + " (JVM crash report saved)";
            }
        }
        return name + from + " (JVM crash report saved)";
    }

    private static String cut(String text) {
        return text.length() <= MAX_CAUSE ? text : text.substring(0, MAX_CAUSE) + "...";
    }
}
