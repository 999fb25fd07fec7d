package dev.gssproxy4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * gssproxy's default mode ({@code -D}, or no {@code -i}): the daemon detaches and the command returns once it is
 * ready to serve. A JVM cannot fork, so the command starts the same JVM again in a new session
 * ({@code setsid}, {@code -i}), waits for the child's readiness line on a pipe (as upstream's parent waits on
 * its pipe), and exits 0, or with the child's status if the child fails to start.
 */
final class Daemonizer {

    private static final String CHILD = "GSSPROXY4J_DAEMON_CHILD";
    private static final String READY = "gssproxy4j-ready";

    private Daemonizer() {}

    static boolean isChild() {
        return System.getenv(CHILD) != null;
    }

    /** In the child: tells the waiting parent that initialization is complete, then lets go of its stdout. */
    static void signalReady() {
        if (isChild()) {
            System.out.println(READY);
            System.out.flush();
            System.setOut(new PrintStream(PrintStream.nullOutputStream()));
        }
    }

    static int detach(PrintWriter err) throws IOException, InterruptedException {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.add(self.command().orElseThrow(() -> new IOException("cannot find this JVM's executable")));
        for (String argument : self.arguments().orElseThrow(() -> new IOException("cannot read this JVM's arguments"))) {
            if (!argument.equals("-D") && !argument.equals("--daemon")) {
                command.add(argument);
            }
        }
        command.add("-i");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(CHILD, "1");
        Process child = builder.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals(READY)) {
                    return 0;
                }
            }
        }
        int status = child.waitFor();
        err.println("gssproxy4j: the daemon exited with status " + status + " before it was ready");
        return status == 0 ? 1 : status;
    }
}
