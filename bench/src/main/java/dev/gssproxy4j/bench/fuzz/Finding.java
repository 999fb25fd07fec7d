package dev.gssproxy4j.bench.fuzz;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Something the daemon must never do, with the input that did it.
 *
 * @param callIndex  the first call involved (the culprit's, when known)
 * @param location   where the culprit was changed ({@link Mutant#location()}), what findings are grouped by
 * @param inputClass the culprit's input class, or a description when it is unknown
 * @param detail     exit status, crash cause, RSS...: names and numbers only, never bytes
 * @param saved      where the reproduction files went
 */
record Finding(Kind kind, long callIndex, String location, String inputClass, String detail,
               Optional<Path> saved) {

    enum Kind {
        /** The daemon process exited or died by a signal. */
        DAEMON_DIED,
        /** An RPC SYSTEM_ERR reply: a handler failed in a way the dispatcher could not map to a GSS status. */
        SYSTEM_ERR,
        /** No reply within the call timeout while the daemon was alive. */
        HANG,
        /** The daemon's resident memory went above {@code --rss-limit-mib}. */
        RSS_LIMIT,
        /** A reply to a well-formed call that does not decode as its results, or answers another xid. */
        MALFORMED_REPLY
    }

    /** The key findings are grouped and counted by in a {@code --keep-going} survey. */
    String signature() {
        return kind + " " + location;
    }
}
