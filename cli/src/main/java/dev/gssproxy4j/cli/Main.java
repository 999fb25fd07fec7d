package dev.gssproxy4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gssproxy4j} command: one subcommand per job. */
@Command(name = "gssproxy4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A GSS-API proxy (GSS-Proxy protocol, ONC RPC program 400112 v1), a drop-in for gssproxy.",
        subcommands = {ServeCommand.class, CheckConfigCommand.class, WireCommand.class, StatsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine commandLine = commandLine();
        try {
            return commandLine.execute(args);
        } catch (LinkageError e) { // picocli hands on Errors: a native library that does not load
            Failures.report(e, commandLine.getErr(), Failures.debugRequested(commandLine.getParseResult()));
            return 1;
        }
    }

    /** The command line with every subcommand and the one-line failure reports ({@link Failures}). */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        // the demo comes from a class loader of its own (DemoLoader); listed before help
        CommandLine help = commandLine.getCommandSpec().removeSubcommand("help");
        commandLine.addSubcommand("demo", DemoLoader.command());
        commandLine.addSubcommand("help", help);
        // after the subcommands: these settings reach the commands present when they are made
        commandLine.setParameterExceptionHandler(Failures::badUsage);
        commandLine.setExecutionExceptionHandler(Failures::failed);
        return commandLine;
    }
}
