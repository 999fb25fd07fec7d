package dev.gssproxy4j.cli;

import dev.gssproxy4j.server.Daemon;
import dev.gssproxy4j.server.DaemonOptions;
import dev.gssproxy4j.server.config.ConfigException;
import dev.gssproxy4j.server.config.ConfigExplainer;
import dev.gssproxy4j.server.config.ConfigLoader;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.SignalHandler;

/**
 * {@code gssproxy4j serve}: the daemon, with gssproxy's command line so that existing systemd units
 * ({@code ExecStart=gssproxy -i}, {@code ExecReload=kill -HUP $MAINPID}) and scripts keep working.
 */
@Command(name = "serve", description = {"Run the GSS-Proxy daemon (a drop-in for gssproxy; same options).",
        "SIGHUP reloads the configuration atomically (a configuration that fails to load is refused and the old one "
                + "stays); SIGTERM, SIGINT and SIGQUIT stop the daemon."},
        sortOptions = false, usageHelpAutoWidth = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1) // gssproxy exits 1 on a bad option too
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-D", "--daemon"}, description = "Become a daemon (default).")
    boolean daemon;

    @Option(names = {"-i", "--interactive"}, description = "Run interactive (not a daemon).")
    boolean interactive;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Specify a non-default config file "
            + "(default /etc/gssproxy/gssproxy.conf; alone, the config directory is skipped).")
    Path configFile;

    @Option(names = {"-C", "--configdir"}, paramLabel = "DIR",
            description = "Specify a non-default config directory (default /etc/gssproxy).")
    Path configDir;

    @Option(names = {"-s", "--socket"}, paramLabel = "SOCKET",
            description = "Specify a custom default socket (default /var/lib/gssproxy/default.sock).")
    Path socket;

    @Option(names = {"-u", "--userproxy"}, description = "Simplified user session proxy: no configuration file, one "
            + "service for this user's own uid on $XDG_RUNTIME_DIR/gssproxy/default.sock (or -s, or the socket "
            + "systemd passes).")
    boolean userproxy;

    @Option(names = {"-d", "--debug"}, description = "Enable debugging (debug level 1).")
    boolean debug;

    @Option(names = "--debug-level", paramLabel = "N", description = "Set debugging level (1 basic, 2 RPC and "
            + "service matching, 3 mechanism traces).")
    Integer debugLevel;

    @Option(names = "--syslog-status", description = "Enable GSSAPI status logging: each failed call's "
            + "status in the log (as syslog_status = yes).")
    boolean syslogStatus;

    @Option(names = "--idle-timeout", paramLabel = "S", description = "Set idle timeout for user mode (default: "
            + "1000s): a socket-activated user daemon stops after S seconds without a request; 0 never stops "
            + "(ignored otherwise, as upstream).")
    Integer idleTimeout;

    @Option(names = "--version", versionHelp = true, description = "Print version number and exit.")
    boolean version;

    @Option(names = {"-?", "-h", "--help", "--usage"}, usageHelp = true, description = "Show this help message "
            + "and exit.")
    boolean help;

    @Option(names = "--extract-ccache", hidden = true, paramLabel = "CCACHE")
    String extractCcache;

    @Option(names = "--into-ccache", hidden = true, paramLabel = "CCACHE")
    String intoCcache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (daemon && interactive) {
            err.println("Option -i|--interactive is not allowed together with -D|--daemon");
            return 1;
        }
        if (extractCcache != null) {
            err.println("gssproxy4j: --extract-ccache reads credentials encrypted by upstream gssproxy, whose "
                    + "format gssproxy4j does not use; it is not supported");
            return 1;
        }
        DaemonOptions options;
        try { // before detaching, so that the command itself says why (the daemon's loader checks it too)
            Optional.ofNullable(socket).ifPresent(s -> ConfigLoader.requireAbsoluteSocket("-s", s));
            options = new DaemonOptions(Optional.ofNullable(configFile), Optional.ofNullable(configDir),
                    Optional.ofNullable(socket), debugLevel(), syslogStatus, userproxy,
                    idleTimeout == null ? DaemonOptions.DEFAULT_IDLE_TIMEOUT : Duration.ofSeconds(idleTimeout));
        } catch (IllegalArgumentException e) {
            err.println("gssproxy4j: cannot start: " + e.getMessage());
            return 1;
        }
        if (!interactive && !Daemonizer.isChild()) {
            if (socketActivated()) {
                // the detached child is another process: the descriptors and LISTEN_PID would not reach it
                err.println("gssproxy4j: cannot start: systemd passed sockets (LISTEN_FDS), which only a daemon in "
                        + "the foreground can take; add -i to ExecStart= (with Type=notify, as the shipped units do)");
                return 1;
            }
            return Daemonizer.detach(err);
        }
        return serve(options, err);
    }

    private static boolean socketActivated() {
        return Long.toString(ProcessHandle.current().pid()).equals(System.getenv("LISTEN_PID"));
    }

    private OptionalInt debugLevel() {
        if (debugLevel != null) {
            return OptionalInt.of(debugLevel);
        }
        return debug ? OptionalInt.of(1) : OptionalInt.empty();
    }

    private static int serve(DaemonOptions options, java.io.PrintWriter err) throws InterruptedException {
        // Signal handling is in place before any socket is bound (upstream sets up its event loop first): a
        // SIGHUP that arrives while the daemon starts is a reload once it runs, never the JVM's default exit.
        // A connection thread that dies (say, out of memory under a flood of large requests) is logged as one
        // limited line, not as the JVM's stack trace, which callers could repeat.
        Thread.setDefaultUncaughtExceptionHandler(DaemonLog.uncaughtExceptionHandler());
        AtomicReference<Daemon> running = new AtomicReference<>();
        AtomicBoolean reloadPending = new AtomicBoolean();
        SignalHandler reload = s -> {
            Daemon daemon = running.get();
            if (daemon != null) {
                daemon.reload();
            } else {
                reloadPending.set(true);
            }
        };
        // even when started ignored (nohup, trap '' INT TERM, a background job): upstream handles them regardless
        Signals.handle("HUP", reload);
        Signals.stopOnInterruptAndTerminate();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Daemon daemon = running.get();
            if (daemon != null && !daemon.isClosed()) { // closed: it stopped by itself (idle), no signal came
                DaemonLog.debug(1, "Exiting after receiving a signal");
                daemon.close();
            }
        }, "shutdown"));
        Daemon daemon;
        try {
            daemon = Daemon.start(options, Handlers.all());
        } catch (ConfigException e) {
            err.println(ConfigExplainer.explainFailure(e));
            return 1;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            err.println("gssproxy4j: cannot start: " + Failures.describe(e));
            return 1;
        }
        running.set(daemon);
        if (reloadPending.getAndSet(false)) {
            daemon.reload();
        }
        Daemonizer.signalReady();
        daemon.awaitStop();
        return 0;
    }
}
