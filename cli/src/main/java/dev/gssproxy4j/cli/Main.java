package dev.gssproxy4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gssproxy4j} command: one subcommand per job. */
@Command(name = "gssproxy4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A GSS-API proxy (GSS-Proxy protocol, ONC RPC program 400112 v1), a drop-in for gssproxy.",
        subcommands = {ServeCommand.class, DemoCommand.class, CheckConfigCommand.class, WireCommand.class,
                StatsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
