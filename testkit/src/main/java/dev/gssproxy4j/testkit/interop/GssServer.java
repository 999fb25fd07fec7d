package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.ChildProcessException;
import dev.gssproxy4j.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A running {@code gss-server -port P -once <service>}: it has acquired its acceptor credentials and listens on
 * loopback port {@link #port()} for exactly one client.
 *
 * <p>Readiness is its {@code starting...} line, which {@code gss-server.c} writes to (unbuffered) standard error
 * right after {@code listen()}. A TCP connect probe cannot be used: with {@code -once} the probe would be the one
 * client served.
 */
public final class GssServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int PORT_ATTEMPTS = 3;
    private static final int SIGPIPE_EXIT = 128 + 13;
    /** Upstream drops a connection whose uid matches no service; the interposer then dies writing to it. */
    private static final String SIGPIPE_HINT = " (exit 141 = SIGPIPE: the daemon closed the proxy connection, "
            + "e.g. because no [service/...] has euid = this user's uid, or the socket path differs)";

    private final ChildProcess process;
    private final int port;

    private GssServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server and waits until it listens; a port taken in between is retried with another.
     *
     * @throws ChildProcessException if it exits first (e.g. "GSS-API error acquiring credentials"), with its
     *                               output in the message
     */
    static GssServer start(SampleEnvironment env, String service, Path outputDir, String outputName) {
        ChildProcessException last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int port = FreePorts.tcp();
            ChildProcess process = GssSamples.builder(env, List.of("gss-server", "-port", Integer.toString(port),
                    "-once", service), outputDir, outputName).start();
            try {
                process.awaitOutput("starting...", START_TIMEOUT);
                return new GssServer(process, port);
            } catch (ChildProcessException e) {
                String stdout = process.stdout();
                String stderr = process.stderr();
                boolean sigpipe = !process.isAlive()
                        && process.waitFor(Duration.ofSeconds(5)).exitCode() == SIGPIPE_EXIT;
                process.close();
                if (!stderr.contains("Address already in use")) {
                    // display_status() writes GSS errors to standard output, perror() to standard error.
                    throw new ChildProcessException("gss-server as " + env.user().name() + " did not start ("
                            + e.getMessage().lines().findFirst().orElse("") + "); stdout: "
                            + SafeText.forMessage(stdout, 2000) + "; stderr: " + SafeText.forMessage(stderr, 2000)
                            + (sigpipe ? SIGPIPE_HINT : ""), e);
                }
                last = e;
            }
        }
        throw new ChildProcessException("gss-server found no free port in " + PORT_ATTEMPTS + " attempts", last);
    }

    public int port() {
        return port;
    }

    /** Waits for the server to finish with its client and parses what it printed. */
    public ServerOutcome await(Duration timeout) {
        return ServerOutcome.parse(process.waitFor(timeout));
    }

    /** Kills the server if it still runs (e.g. the client never came). */
    @Override
    public void close() {
        process.close();
    }
}
