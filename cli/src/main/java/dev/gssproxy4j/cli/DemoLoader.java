package dev.gssproxy4j.cli;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The {@code demo} command lives in module demo, off the daemon's class path: it carries an embedded KDC (Kerby,
 * and the jsch, JOSE and xnio libraries Kerby brings), which {@code serve} must neither carry nor load. The launcher
 * names the demo's jar for every command but {@code serve} ({@code -Dgssproxy4j.demo.jar}); the demo is loaded in
 * a class loader of its own whose parent is this one, so it runs the daemon's own classes.
 *
 * <p>Why not a class path of its own: the AOT cache (scripts/aot.sh) is recorded from {@code demo --check} and used
 * by {@code serve}; a cache holds the application class path's classes of its recording run, each later start
 * loads them all, and it is refused under another class path. Recorded this way, it holds the daemon's classes
 * under the class path {@code serve} runs with, and none of the demo's.
 */
final class DemoLoader {

    static final String JAR_PROPERTY = "gssproxy4j.demo.jar";
    private static final String COMMAND_CLASS = "dev.gssproxy4j.demo.DemoCommand";

    private DemoLoader() {}

    /** The demo command, or a stand-in that says how to run it. */
    static Object command() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null) {
            return new Unavailable("this is the daemon's jar, which does not carry it");
        }
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            return new Unavailable(jar + " does not exist");
        }
        try {
            URLClassLoader loader = new URLClassLoader("demo", new URL[] {path.toUri().toURL()},
                    DemoLoader.class.getClassLoader());
            return Class.forName(COMMAND_CLASS, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | MalformedURLException | LinkageError e) {
            return new Unavailable("cannot load it from " + jar + ": " + e);
        }
    }

    /** Stands in for the demo where its jar is not loaded, so that {@code demo} says how to run it. */
    @Command(name = "demo", description = "Run the daemon on a throwaway realm (module demo, which the "
            + "launcher loads).")
    static final class Unavailable implements Callable<Integer> {

        private final String why;

        @Unmatched
        List<String> arguments;

        @Spec
        CommandSpec spec;

        Unavailable(String why) {
            this.why = why;
        }

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("gssproxy4j: demo is not available here (" + why + "): run "
                    + "./gssproxy4j demo, which builds module demo and loads it");
            return 1;
        }
    }
}
