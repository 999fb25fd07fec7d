package dev.gssproxy4j.cli;

import dev.gssproxy4j.server.log.FileErrors;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.FileSystemException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every command reports a failure: one line on stderr naming the problem, and the fix where the failure
 * carries one; exit status 1, or 2 for a command line that does not parse. The Java stack trace follows only with a
 * debug option ({@code --debug}; {@code serve}: {@code -d}, {@code --debug-level}): a missing program or file, a bad
 * flag or a busy socket is the user's to fix, and a trace would bury the line that says how.
 */
final class Failures {

    private static final String[] DEBUG_OPTIONS = {"--debug", "--debug-level"};

    private Failures() {}

    /** picocli's handler for a command line that does not parse: the reason and where the usage is. */
    static int badUsage(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + e.getMessage() + " (see " + name + " --help)");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** picocli's handler for a command that threw. */
    static int failed(Exception e, CommandLine command, ParseResult parsed) {
        report(e, command.getErr(), debugRequested(parsed));
        return 1;
    }

    static void report(Throwable e, PrintWriter err, boolean debug) {
        err.println("gssproxy4j: " + describe(e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** One line for {@code e}: the reason a user can act on, not the exception's class. */
    static String describe(Throwable e) {
        Throwable cause = e;
        // wrappers that add nothing a user can act on
        while ((cause instanceof java.io.UncheckedIOException || cause instanceof ExceptionInInitializerError
                || cause instanceof java.lang.reflect.InvocationTargetException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case FileSystemException f -> f.getFile() + ": " + FileErrors.reason(f);
            case BindException b -> "cannot listen: " + b.getMessage();
            case LinkageError l -> String.valueOf(l.getMessage());
            default -> cause.getMessage() == null || cause.getMessage().isBlank()
                    ? cause.getClass().getSimpleName() + " (--debug shows the Java stack trace)"
                    : cause.getMessage();
        };
    }

    static boolean debugRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            for (String option : DEBUG_OPTIONS) {
                if (level.hasMatchedOption(option)) {
                    return true;
                }
            }
        }
        return false;
    }
}
