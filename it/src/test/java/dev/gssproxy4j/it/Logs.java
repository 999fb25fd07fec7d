package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for lines in a daemon's log (its stderr file), polling with a deadline: no fixed sleeps. */
final class Logs {

    private static final long DEADLINE_MILLIS = 15_000;
    private static final long POLL_MILLIS = 10;

    private Logs() {}

    /** {@link #awaitLine(Supplier, BooleanSupplier, String...)} for a testkit daemon. */
    static String awaitLine(Gssproxy4jDaemon daemon, String... parts) {
        return awaitLine(daemon::log, () -> true, parts);
    }

    /**
     * Returns the first log line that contains every one of {@code parts}, waiting for it to be written.
     *
     * @param alive false once the daemon has exited: the wait then ends with a last look at the log
     * @throws AssertionError with the log if no such line appears before the deadline or the daemon's exit
     */
    static String awaitLine(Supplier<String> log, BooleanSupplier alive, String... parts) {
        return awaitLines(log, alive, 1, parts).getFirst();
    }

    /**
     * Waits until at least {@code count} log lines contain every one of {@code parts} (e.g. the second reload's
     * line) and returns them.
     */
    static List<String> awaitLines(Supplier<String> log, BooleanSupplier alive, int count, String... parts) {
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (true) {
            boolean running = alive.getAsBoolean();
            List<String> lines = log.get().lines()
                    .filter(l -> Arrays.stream(parts).allMatch(l::contains))
                    .toList();
            if (lines.size() >= count) {
                return lines;
            }
            if (!running || System.nanoTime() > deadline) {
                throw new AssertionError((count == 1 ? "no daemon log line contains " : "fewer than " + count
                        + " daemon log lines contain ") + Arrays.toString(parts)
                        + (running ? "" : " and the daemon has exited") + "; log:\n" + log.get());
            }
            try {
                // following another process's output file: polling with a deadline is the portable way
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the daemon log", e);
            }
        }
    }
}
