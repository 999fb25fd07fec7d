package dev.gssproxy4j.cli;

import picocli.CommandLine.Option;

/** {@code --debug} for commands without a debug option of their own: a failure prints its Java stack trace too. */
public final class DebugOption {

    @Option(names = "--debug", description = "On failure, print the Java stack trace after the one-line reason.")
    boolean debug;
}
