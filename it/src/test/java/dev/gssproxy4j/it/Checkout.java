package dev.gssproxy4j.it;

import java.nio.file.Path;
import java.util.List;

/** The files of this checkout the tests run as an admin would: the launcher, the CLI and demo jars, the JVM. */
final class Checkout {

    private Checkout() {}

    static Path root() {
        return Path.of(System.getProperty("gssproxy4j.root", "..")).toAbsolutePath().normalize();
    }

    static Path cliJar() {
        return Path.of(System.getProperty("gssproxy4j.cliJar", root().resolve("cli/target/gssproxy4j.jar").toString()));
    }

    static Path demoJar() {
        return Path.of(System.getProperty("gssproxy4j.demoJar",
                root().resolve("demo/target/gssproxy4j-demo.jar").toString()));
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    /** {@code java} with the options the launcher always passes (FFM, the socket's descriptor), then {@code args}. */
    static List<String> javaCommand(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED"));
        command.addAll(List.of(args));
        return command;
    }
}
