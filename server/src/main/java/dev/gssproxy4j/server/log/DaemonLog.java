package dev.gssproxy4j.server.log;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The daemon's log, in upstream's format so that existing tooling keeps working: debug lines go to stderr as
 * {@code [CID <connection>][YYYY/MM/DD HH:MM:SS]: message} (UTC; the connection part only inside a connection),
 * and are printed when the debug level is at least the line's level (1 basic, 2 adds RPC traffic and service
 * matching, 3 adds mechanism traces). Errors are always printed. Callers must never pass keys, tokens or handle
 * contents: statuses by name, lengths and short hashes only.
 */
public final class DaemonLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private static volatile int level;
    private static volatile PrintStream out = System.err;

    private DaemonLog() {}

    public static void setLevel(int debugLevel) {
        level = debugLevel;
    }

    public static int level() {
        return level;
    }

    /** For tests: capture the log. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public static boolean enabled(int lineLevel) {
        return level >= lineLevel;
    }

    /** A debug line outside any connection. */
    public static void debug(int lineLevel, String message) {
        if (enabled(lineLevel)) {
            print("[" + now() + "]: " + message);
        }
    }

    /** A debug line about connection {@code connectionId}. */
    public static void debug(int lineLevel, long connectionId, String message) {
        if (enabled(lineLevel)) {
            print("[CID " + connectionId + "][" + now() + "]: " + message);
        }
    }

    /** Always printed: something an admin must see. */
    public static void error(String message) {
        print("[" + now() + "]: " + message);
    }

    public static void error(long connectionId, String message) {
        print("[CID " + connectionId + "][" + now() + "]: " + message);
    }

    private static String now() {
        return TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private static void print(String line) {
        out.println(line);
    }
}
