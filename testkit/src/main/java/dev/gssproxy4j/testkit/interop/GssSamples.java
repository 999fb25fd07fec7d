package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.ChildProcessException;
import dev.gssproxy4j.testkit.Programs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs MIT's GSS-API sample programs ({@code gss-server}, {@code gss-client} from Debian's
 * {@code krb5-gss-samples}, {@code src/appl/gss-sample} in krb5) as a given local user with a given
 * {@link SampleEnvironment}. They link the system {@code libgssapi_krb5}, which loads the gssproxy interposer
 * ({@code /etc/gss/mech.d/proxymech.conf}) and uses it when {@code GSS_USE_PROXY=yes}.
 *
 * <p>{@code gss-client} defaults to mutual authentication, confidentiality and replay detection; with
 * {@code -mcount N} it sends the message N times wrapped and verifies the server's MIC over each.
 * Outputs are kept as {@code <outputDir>/<program>-<n>.stdout|stderr}.
 */
public final class GssSamples {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicInteger RUNS = new AtomicInteger();

    private GssSamples() {
    }

    /** Starts {@code gss-server -port P -once service} (e.g. {@code host@localhost}); see {@link GssServer}. */
    public static GssServer startServer(SampleEnvironment env, String service, Path outputDir) {
        return GssServer.start(env, service, outputDir, "gss-server-" + RUNS.incrementAndGet());
    }

    /** Runs {@code gss-client -port P -mcount N localhost service message} and parses its output. */
    public static ClientOutcome runClient(SampleEnvironment env, int port, String service, String message,
                                          int messages, Path outputDir) {
        ChildProcess.Result result = builder(env, List.of("gss-client", "-port", Integer.toString(port),
                        "-mcount", Integer.toString(messages), "localhost", service, message),
                outputDir, "gss-client-" + RUNS.incrementAndGet())
                .run(TIMEOUT);
        return ClientOutcome.parse(result);
    }

    /** A server and a client, one conversation of {@code messages} messages; both outcomes. */
    public static Exchange exchange(SampleEnvironment serverEnv, SampleEnvironment clientEnv, String service,
                                    String message, int messages, Path outputDir) {
        try (GssServer server = startServer(serverEnv, service, outputDir)) {
            ClientOutcome client = runClient(clientEnv, server.port(), service, message, messages, outputDir);
            try {
                return new Exchange(message, messages, client, server.await(TIMEOUT));
            } catch (ChildProcessException e) {
                throw new ChildProcessException(e.getMessage() + "\n" + client.describe(), e);
            }
        }
    }

    /**
     * Acquires acceptor credentials for {@code service} the way {@code gss-server} does, then stops:
     * {@code gss-server -inetd service} with standard input at end-of-file. Exit 0 means the credentials were
     * usable; otherwise standard output (where {@code gss-server}'s {@code display_status} writes) holds
     * "GSS-API error acquiring credentials: ..." with the major and the minor status text.
     */
    public static ChildProcess.Result acquireAcceptorCredentials(SampleEnvironment env, String service,
                                                                 Path outputDir) {
        return builder(env, List.of("gss-server", "-inetd", service), outputDir,
                "gss-server-inetd-" + RUNS.incrementAndGet()).run(TIMEOUT);
    }

    static ChildProcess.Builder builder(SampleEnvironment env, List<String> command, Path outputDir, String name) {
        List<String> argv = new ArrayList<>(command);
        argv.set(0, Programs.require(command.getFirst(), "krb5-gss-samples").toString());
        ChildProcess.Builder builder = ChildProcess.command(argv)
                .environment(env.variables())
                .output(outputDir, name);
        return env.user().isRoot() ? builder : builder.asUser(env.user().uid(), env.user().gid());
    }
}
