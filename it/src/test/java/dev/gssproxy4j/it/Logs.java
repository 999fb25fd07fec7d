package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import java.util.Arrays;
import java.util.Optional;
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
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (true) {
            boolean running = alive.getAsBoolean();
            Optional<String> line = log.get().lines()
                    .filter(l -> Arrays.stream(parts).allMatch(l::contains))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!running || System.nanoTime() > deadline) {
                throw new AssertionError("no daemon log line contains " + Arrays.toString(parts)
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
