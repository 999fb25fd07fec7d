package dev.gssproxy4j.cli;

import dev.gssproxy4j.mech.posix.Posix;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals of the commands that run until stopped ({@code serve}, {@code demo}), handled whatever the starting
 * shell did to them. The JVM installs no handler for SIGHUP, SIGINT or SIGTERM when the process starts with the
 * signal ignored: {@code nohup} ignores SIGHUP, a non-interactive shell starts its background jobs with SIGINT
 * ignored, {@code trap '' TERM} ignores SIGTERM for every child. Such a daemon would then never reload, or never
 * stop but by SIGKILL. So an ignored signal gets its default action back, then the handler.
 */
public final class Signals {

    private Signals() {}

    /** Handles the signal {@code name} (e.g. {@code "HUP"}) with {@code handler}, even if it started ignored. */
    public static void handle(String name, SignalHandler handler) {
        Signal signal = new Signal(name);
        if (Signal.handle(signal, handler) == SignalHandler.SIG_IGN) {
            Posix.restoreDefaultAction(signal.getNumber());
            Signal.handle(signal, handler);
        }
    }

    /**
     * SIGINT and SIGTERM stop the process as they stop upstream's event loop: the shutdown hooks run (the daemon
     * logs "Exiting after receiving a signal" and closes its sockets) and the exit status is 0, as upstream's, so a
     * systemd unit stopped with SIGTERM ends as a success. Install before any socket is bound.
     */
    public static void stopOnInterruptAndTerminate() {
        SignalHandler stop = signal -> System.exit(0);
        handle("INT", stop);
        handle("TERM", stop);
    }
}
