package dev.gssproxy4j.server.log;

import java.io.PrintStream;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The daemon's log, in upstream's format so that existing tooling keeps working: lines go to stderr as
 * {@code [CID <connection>][YYYY/MM/DD HH:MM:SS]: message} (UTC; the connection part only inside a connection).
 * Debug lines are printed when the debug level is at least the line's level (1 basic, 2 adds RPC traffic and
 * service matching, 3 adds mechanism traces); errors are always printed. Callers must never pass keys, tokens or
 * handle contents: statuses by name, lengths and short hashes only.
 * <p>
 * Any local user may talk to the daemon, so the log defends itself, here, where no call site can forget:
 * <ul>
 *   <li>every line is escaped ({@link LogText}): a caller's program path, name or option value cannot start a new
 *       line, forge one, or send escape sequences to the admin's terminal, and no line exceeds
 *       {@link #MAX_MESSAGE_CHARS};</li>
 *   <li>errors a caller can trigger again and again go through {@link #errorFrom}, limited per message key and uid
 *       ({@link RateLimiter.Settings#DEFAULTS}: 10 at once, then 1 per 10 s), with a
 *       {@code suppressed N similar messages from uid U (key)} line for what was left out. Start-up, reload and
 *       configuration messages use {@link #error} and are never limited. Debug lines are not limited: the admin
 *       turned them on, each request writes a bounded number of them, and each is capped in length.</li>
 * </ul>
 * <p>
 * Static on purpose (issue #15 asked for an injected instance; kept, for this reason): a daemon process has one
 * stderr and one debug level, as upstream's {@code gp_debug} has, and about 45 call sites in transport, seal,
 * cache, os, creds and dispatch would otherwise carry a log through constructors that have nothing else to do with
 * it. Tests that run two daemons in one JVM, or that read what was logged, use {@link #capture}, which swaps the
 * output and level and restores them.
 */
public final class DaemonLog {

    /** Longest message printed; the rest is cut, saying how much (a caller's 1 MiB option value stays out). */
    public static final int MAX_MESSAGE_CHARS = 8192;
    /** The uid for {@link #errorFrom} when the sender is not known. */
    public static final int UNKNOWN_UID = RateLimiter.UNKNOWN_UID;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Where lines go, the clocks they are stamped and limited with, and the limiter: replaced whole by tests. */
    private record Output(PrintStream out, InstantSource wallClock, LongSupplier nanos, RateLimiter limiter) {}

    private static volatile int level;
    private static volatile Output output = newOutput(System.err, InstantSource.system(), System::nanoTime,
            RateLimiter.Settings.DEFAULTS);

    private DaemonLog() {}

    public static void setLevel(int debugLevel) {
        level = debugLevel;
    }

    public static int level() {
        return level;
    }

    /**
     * For tests: lines go to {@code out}, stamped with {@code wallClock} and limited on {@code nanos} (monotonic
     * nanoseconds) with a fresh limiter of {@code limits}, until the returned handle is closed.
     */
    public static Restore capture(PrintStream out, InstantSource wallClock, LongSupplier nanos,
                                  RateLimiter.Settings limits) {
        Output previous = output;
        output = newOutput(out, wallClock, nanos, limits);
        return () -> output = previous;
    }

    /** Puts back the log that {@link #capture} replaced. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean enabled(int lineLevel) {
        return level >= lineLevel;
    }

    /** A debug line outside any connection. */
    public static void debug(int lineLevel, String message) {
        if (enabled(lineLevel)) {
            print(output, null, message);
        }
    }

    /** A debug line about connection {@code connectionId}. */
    public static void debug(int lineLevel, long connectionId, String message) {
        if (enabled(lineLevel)) {
            print(output, connectionId, message);
        }
    }

    /**
     * Always printed, never limited: something an admin must see that no caller can repeat at will (start-up,
     * reload, configuration, the kernel interface). For what a caller can trigger, use {@link #errorFrom}.
     */
    public static void error(String message) {
        print(output, null, message);
    }

    /** As {@link #error(String)}, about connection {@code connectionId}. */
    public static void error(long connectionId, String message) {
        print(output, connectionId, message);
    }

    /**
     * An error that caller {@code uid} can trigger repeatedly, limited per {@code key} and uid.
     *
     * @param uid     the caller's uid, or {@link #UNKNOWN_UID}
     * @param key     a constant naming the kind of message, e.g. {@code "No matching service found"}; shown in the
     *                suppression summary. Never caller text: the limiter keeps one bucket per key and uid
     * @param message the line
     */
    public static void errorFrom(int uid, String key, long connectionId, String message) {
        limited(uid, key, connectionId, () -> message);
    }

    /** As {@link #errorFrom(int, String, long, String)}, with a message built only if it is printed. */
    public static void errorFrom(int uid, String key, long connectionId, Supplier<String> message) {
        limited(uid, key, connectionId, message);
    }

    /** As {@link #errorFrom(int, String, long, String)}, outside any connection. */
    public static void errorFrom(int uid, String key, String message) {
        limited(uid, key, null, () -> message);
    }

    /**
     * For {@link Thread#setDefaultUncaughtExceptionHandler}: a thread ended by an exception nobody caught (e.g. an
     * {@link OutOfMemoryError} while many callers send large requests) gets one limited line naming the exception,
     * instead of the JVM's default stack trace on stderr, which a caller could repeat.
     */
    public static Thread.UncaughtExceptionHandler uncaughtExceptionHandler() {
        return (thread, e) -> errorFrom(UNKNOWN_UID, "thread ended by an uncaught exception", "thread '"
                + thread.getName() + "' ended by " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static void limited(int uid, String key, Long connectionId, Supplier<String> message) {
        Output o = output;
        RateLimiter.Verdict verdict;
        synchronized (o.limiter()) {
            verdict = o.limiter().admit(key, uid, o.nanos().getAsLong());
        }
        summaries(o, verdict.before());
        if (verdict.print()) {
            print(o, connectionId, message.get());
        }
    }

    private static void summaries(Output o, List<RateLimiter.Summary> list) {
        for (RateLimiter.Summary s : list) {
            line(o, null, s.text());
        }
    }

    /** Prints one line, after the summaries of limited messages whose senders have gone quiet. */
    private static void print(Output o, Long connectionId, String message) {
        List<RateLimiter.Summary> due;
        synchronized (o.limiter()) {
            due = o.limiter().due(o.nanos().getAsLong());
        }
        summaries(o, due);
        line(o, connectionId, message);
    }

    private static void line(Output o, Long connectionId, String message) {
        String prefix = (connectionId == null ? "" : "[CID " + connectionId + "]")
                + "[" + TIME.format(o.wallClock().instant()) + "]: ";
        o.out().println(prefix + LogText.escape(String.valueOf(message), MAX_MESSAGE_CHARS));
    }

    private static Output newOutput(PrintStream out, InstantSource wallClock, LongSupplier nanos,
                                    RateLimiter.Settings limits) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(wallClock, "wallClock");
        return new Output(out, wallClock, nanos, new RateLimiter(limits, nanos.getAsLong()));
    }
}
