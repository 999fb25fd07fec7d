package dev.gssproxy4j.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program run by a test: MIT {@code kinit}/{@code kvno}/{@code gss-client}, upstream {@code gssproxy}, a KDC.
 *
 * <p>It runs with the parent's environment plus the variables given (typically {@link Realm#environment()}),
 * optionally as another uid/gid through {@code setpriv --reuid U --regid G --clear-groups} (which execs the program,
 * so {@link #pid()} is the program's own). Standard input is {@code /dev/null} unless {@link Builder#stdin} supplies
 * text, so a program that prompts gets end-of-file instead of hanging. Standard output and error go to files, which
 * can be read while the program runs ({@link #awaitOutput}) and after it ends; {@link #close()} kills the program
 * and its descendants if they still run. Messages name the command line, never the text fed to standard input.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final int ERROR_TAIL_CHARS = 2000;

    private final List<String> command;
    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final boolean ownsOutputFiles;

    private ChildProcess(List<String> command, Process process, Path stdoutFile, Path stderrFile,
                         boolean ownsOutputFiles) {
        this.command = command;
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
        this.ownsOutputFiles = ownsOutputFiles;
    }

    /** Starts describing a command; {@code command[0]} may be a bare name, resolved through {@link Programs}. */
    public static Builder command(String... command) {
        return command(List.of(command));
    }

    public static Builder command(List<String> command) {
        return new Builder(command);
    }

    /** The outcome of a finished program. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public Result {
            command = List.copyOf(command);
        }

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Returns this result, or throws naming the command, its exit code and the end of its stderr. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new ChildProcessException("`" + String.join(" ", command) + "` exited with " + exitCode
                        + "; stderr: " + tail(stderr) + (stdout.isBlank() ? "" : "; stdout: " + tail(stdout)));
            }
            return this;
        }
    }

    public List<String> commandLine() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path stdoutFile() {
        return stdoutFile;
    }

    public Path stderrFile() {
        return stderrFile;
    }

    /** Everything the program has written to standard output so far. */
    public String stdout() {
        return read(stdoutFile);
    }

    /** Everything the program has written to standard error so far. */
    public String stderr() {
        return read(stderrFile);
    }

    /**
     * Waits for the program to exit.
     *
     * @throws ChildProcessException if it has not exited within {@code timeout}; the program is then killed
     */
    public Result waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String stderr = stderr();
                close();
                throw new ChildProcessException("`" + description() + "` did not exit within " + timeout
                        + " and was killed; stderr: " + tail(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ChildProcessException("interrupted while waiting for `" + description() + "`", e);
        }
        return new Result(command, process.exitValue(), stdout(), stderr());
    }

    /**
     * Waits until standard output or standard error contains {@code text}, e.g. a server's "listening" line.
     *
     * @throws ChildProcessException if the program exits first or {@code timeout} passes
     */
    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (stdout().contains(text) || stderr().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                // The program may have printed the text just before exiting.
                if (stdout().contains(text) || stderr().contains(text)) {
                    return;
                }
                throw new ChildProcessException("`" + description() + "` exited with " + process.exitValue()
                        + " before printing \"" + text + "\"; stderr: " + tail(stderr()));
            }
            if (System.nanoTime() > deadline) {
                throw new ChildProcessException("`" + description() + "` did not print \"" + text + "\" within "
                        + timeout + "; stderr: " + tail(stderr()));
            }
            try {
                // Polling a file is the portable way to follow another process's output; 10 ms keeps it cheap.
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChildProcessException("interrupted while waiting for `" + description() + "`", e);
            }
        }
    }

    /** Kills the program and its descendants if still running (TERM, then KILL after 5 s); idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle descendant : descendants) {
                // Not our child, so no waitpid: poll briefly (JDK's onExit() backs off to 100s of ms).
                while (isRunning(descendant) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (isRunning(descendant)) {
                    descendant.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        if (ownsOutputFiles) {
            deleteQuietly(stdoutFile);
            deleteQuietly(stderrFile);
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[pid " + process.pid() + ": " + description() + "]";
    }

    private String description() {
        return String.join(" ", command);
    }

    /**
     * Alive and not a zombie: an orphan that has exited stays a zombie until PID 1 reaps it, which in a container
     * can take seconds, and {@link ProcessHandle#isAlive()} counts zombies as alive.
     */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            // Format: "pid (comm) S ...": the state follows the last ')' since comm may contain one.
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone from /proc: reaped
        }
    }

    private static String read(Path file) {
        try {
            // Decode leniently: a program may print bytes that are not UTF-8.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read child process output " + file, e);
        }
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= ERROR_TAIL_CHARS ? trimmed
                : "..." + trimmed.substring(trimmed.length() - ERROR_TAIL_CHARS);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless.
        }
    }

    /** Describes a program to run; reusable, each {@link #start()} runs a new process. */
    public static final class Builder {

        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path directory;
        private Path outputDir;
        private String outputName;
        private byte[] stdin;
        private int uid = -1;
        private int gid = -1;

        private Builder(List<String> command) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("empty command");
            }
            this.command = List.copyOf(command);
        }

        /** Adds (or overrides) environment variables, e.g. {@link Realm#environment()}. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder directory(Path workingDirectory) {
            this.directory = workingDirectory;
            return this;
        }

        /** Runs the program as {@code uid}/{@code gid} with no supplementary groups ({@code setpriv}, needs root). */
        public Builder asUser(int uid, int gid) {
            if (uid < 0 || gid < 0) {
                throw new IllegalArgumentException("uid and gid must be >= 0, got " + uid + "/" + gid);
            }
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        /** Writes standard output and error to {@code dir/name.stdout} and {@code dir/name.stderr} (kept on close). */
        public Builder output(Path dir, String name) {
            this.outputDir = dir;
            this.outputName = name;
            return this;
        }

        /** Feeds {@code text} to standard input, then closes it (e.g. a password for {@code kinit}). */
        public Builder stdin(String text) {
            this.stdin = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public ChildProcess start() {
            List<String> argv = argv();
            Path out;
            Path err;
            boolean temporary = outputDir == null;
            try {
                if (temporary) {
                    out = Files.createTempFile("gssproxy4j-child-", ".stdout");
                    err = Files.createTempFile("gssproxy4j-child-", ".stderr");
                } else {
                    Files.createDirectories(outputDir);
                    out = outputDir.resolve(outputName + ".stdout");
                    err = outputDir.resolve(outputName + ".stderr");
                }
                ProcessBuilder builder = new ProcessBuilder(argv)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(environment);
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                if (stdin == null) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                }
                Process process = builder.start();
                if (stdin != null) {
                    try (OutputStream in = process.getOutputStream()) {
                        in.write(stdin);
                    } catch (IOException e) {
                        // The program exited without reading its input; its exit code tells the story.
                    }
                }
                return new ChildProcess(argv, process, out, err, temporary);
            } catch (IOException e) {
                throw new ChildProcessException("cannot start `" + String.join(" ", argv) + "`: " + e.getMessage(), e);
            }
        }

        /** Starts the program, waits up to {@code timeout} for it to exit, and returns what it printed. */
        public Result run(Duration timeout) {
            try (ChildProcess child = start()) {
                return child.waitFor(timeout);
            }
        }

        private List<String> argv() {
            List<String> argv = new ArrayList<>();
            if (uid >= 0) {
                argv.addAll(List.of(Programs.require("setpriv", "util-linux").toString(),
                        "--reuid", Integer.toString(uid), "--regid", Integer.toString(gid), "--clear-groups", "--"));
            }
            String program = command.getFirst();
            argv.add(program.contains("/") ? program : Programs.find(program).map(Path::toString).orElse(program));
            argv.addAll(command.subList(1, command.size()));
            return List.copyOf(argv);
        }
    }
}
