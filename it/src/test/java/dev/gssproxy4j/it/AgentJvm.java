package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.interop.LocalUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a program in a child JVM exactly as an admin would deploy it: {@code java
 * -javaagent:gssproxy4j-jgss.jar=<options> -cp <program> <main>}, nothing else on the class path, as an unprivileged
 * user ({@code setpriv}), under {@code strace} (every file it opens or tries to) and with the JVM's class-loading
 * log, so tests can assert what the JVM never touched. The agent jar and the program's classes are copied to a
 * world-readable directory, since the build tree and root's {@code ~/.m2} may not be readable by that user.
 */
final class AgentJvm implements AutoCloseable {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern OPENED = Pattern.compile("open(?:at2?)?\\((?:AT_FDCWD, |\\d+, )?\"([^\"]*)\"");
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\s*\\] (\\S+) ");

    private final Path dir;
    private final Path agentJar;
    private final String classPath;
    private final AtomicInteger runs = new AtomicInteger();

    private AgentJvm(Path dir, Path agentJar, String classPath) {
        this.dir = dir;
        this.agentJar = agentJar;
        this.classPath = classPath;
    }

    /** What one run printed, loaded and opened. */
    record Run(ChildProcess.Result result, List<String> loadedClasses, List<String> openedFiles) {
        String stdout() {
            return result.stdout();
        }

        /** Everything, for assertion messages. */
        String describe() {
            return "exit " + result.exitCode() + "\nstdout:\n" + result.stdout() + "\nstderr:\n" + result.stderr();
        }
    }

    /** Copies the agent jar and the classes of {@code programs} (with their nested classes) to a new directory. */
    static AgentJvm prepare(Class<?>... programs) {
        return prepare(List.of(), programs);
    }

    /**
     * As {@link #prepare(Class[])}, with the jars that hold {@code libraries} (e.g. a server's classes, as its
     * distribution would ship them) copied too and put on the class path after the programs.
     */
    static AgentJvm prepare(List<Class<?>> libraries, Class<?>... programs) {
        try {
            Path dir = Files.createTempDirectory("gssproxy4j-agentjvm-");
            Path agent = dir.resolve("gssproxy4j-jgss.jar");
            Files.copy(jgssJar(), agent, StandardCopyOption.REPLACE_EXISTING);
            Path classes = dir.resolve("classes");
            Path source = Path.of(AgentJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Class<?> program : programs) {
                String path = program.getName().replace('.', '/');
                Path from = source.resolve(path).getParent();
                Path to = Files.createDirectories(classes.resolve(path).getParent());
                String simple = program.getSimpleName();
                try (Stream<Path> files = Files.list(from)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().equals(simple + ".class")
                            || f.getFileName().toString().startsWith(simple + "$")).toList()) {
                        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path lib = Files.createDirectories(dir.resolve("lib"));
            for (Class<?> library : libraries) {
                Path jar = Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI());
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            openToAll(dir);
            return new AgentJvm(dir, agent, libraries.isEmpty() ? classes.toString() : classes + ":" + lib + "/*");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the agent JVM's directory", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code main} as {@code user} with the agent and {@code agentOptions} (empty for none) and waits for it.
     *
     * @param environment the child's environment additions
     */
    Run run(LocalUser user, String agentOptions, Map<String, String> environment, Class<?> main, String... args) {
        return run(user, List.of(), agentOptions, environment, main, args);
    }

    /** As {@link #run(LocalUser, String, Map, Class, String...)} with more JVM options, e.g. system properties. */
    Run run(LocalUser user, List<String> jvmOptions, String agentOptions, Map<String, String> environment,
            Class<?> main, String... args) {
        return start(user, jvmOptions, agentOptions, environment, main, args).finish();
    }

    /** A program started in the background, e.g. a server a test then talks to. */
    final class Started {
        private final ChildProcess process;
        private final Path trace;
        private final Path classLog;

        private Started(ChildProcess process, Path trace, Path classLog) {
            this.process = process;
            this.trace = trace;
            this.classLog = classLog;
        }

        ChildProcess process() {
            return process;
        }

        /** Waits for the program to exit, then reads what it loaded and opened. */
        Run finish() {
            try (process) {
                ChildProcess.Result result = process.waitFor(RUN_TIMEOUT);
                return new Run(result, matches(classLog, LOADED), matches(trace, OPENED));
            }
        }
    }

    /** Starts {@code main} as {@link #run(LocalUser, List, String, Map, Class, String...)} does, without waiting. */
    Started start(LocalUser user, List<String> jvmOptions, String agentOptions, Map<String, String> environment,
                  Class<?> main, String... args) {
        int n = runs.incrementAndGet();
        Path trace = dir.resolve("open-" + n + ".strace");
        Path classLog = dir.resolve("classes-" + n + ".log");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "--seccomp-bpf", "-e",
                "trace=open,openat,openat2", "-e", "signal=none", "-o", trace.toString(),
                "setpriv", "--reuid", Integer.toString(user.uid()), "--regid", Integer.toString(user.gid()),
                "--clear-groups", "--", java(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-javaagent:" + agentJar + (agentOptions.isEmpty() ? "" : "=" + agentOptions),
                "-Xlog:class+load=info:file=" + classLog));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        ChildProcess process = ChildProcess.command(command).environment(environment).output(dir, "run-" + n)
                .start();
        return new Started(process, trace, classLog);
    }

    private static List<String> matches(Path file, Pattern pattern) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(pattern::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agent jar of this checkout: {@code -Dgssproxy4j.jgssJar}, else jgss/target above the working directory. */
    static Path jgssJar() {
        String configured = System.getProperty("gssproxy4j.jgssJar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("jgss/target/gssproxy4j-jgss.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("jgss/target/gssproxy4j-jgss.jar not found: build it first (mvn -pl jgss -am "
                + "package) or set -Dgssproxy4j.jgssJar");
    }

    private static void openToAll(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                // the run directory itself must take the child's class-loading log
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        p.equals(root) ? "rwxrwxrwx" : Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
