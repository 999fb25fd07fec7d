package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The realm and daemon the Java-application tests use: {@link ExampleRealm} plus {@code HTTP/localhost}; one keytab
 * with both services ({@code host/localhost}, {@code HTTP/localhost}) and alice's client keytab, both root-only
 * (0600), served by gssproxy4j to two callers: uid 0 (this JVM) on the main socket, and {@code app} (the child JVMs
 * with the agent, which can read neither keytab) on {@code java.sock}. Each service both accepts (the keytab) and
 * initiates as alice (the client keytab), so one program can be both ends of a conversation.
 */
final class JavaServices implements AutoCloseable {

    static final String HTTP_SERVICE = "HTTP@localhost";
    static final String ALICE = "alice@" + ExampleRealm.NAME;
    static final String HOST_PRINCIPAL = "host/localhost@" + ExampleRealm.NAME;
    static final String HTTP_PRINCIPAL = "HTTP/localhost@" + ExampleRealm.NAME;

    final ExampleRealm realm;
    final Path servicesKeytab;
    final Gssproxy4jDaemon daemon;
    private final LocalUser app;

    private JavaServices(ExampleRealm realm, Path servicesKeytab, Gssproxy4jDaemon daemon, LocalUser app) {
        this.realm = realm;
        this.servicesKeytab = servicesKeytab;
        this.daemon = daemon;
        this.app = app;
    }

    static JavaServices start(LocalUser app) {
        ExampleRealm realm = ExampleRealm.start();
        try {
            Path keytab = realm.realm().keytab("java-services.keytab", "host/localhost", "HTTP/localhost");
            Gssproxy4jDaemon daemon = Gssproxy4jDaemon.start(realm.environment(), socket -> config(socket, keytab,
                    realm.aliceKeytab, app));
            DaemonSockets.awaitAll(daemon, appSocket(daemon.socket()));
            return new JavaServices(realm, keytab, daemon, app);
        } catch (RuntimeException | Error e) {
            realm.close();
            throw e;
        }
    }

    static String config(Path socket, Path servicesKeytab, Path aliceKeytab, LocalUser app) {
        return """
                [service/java-root]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  cred_store = client_keytab:%2$s
                  euid = 0

                [service/java-app]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  cred_store = client_keytab:%2$s
                  euid = %3$d
                  socket = %4$s
                """.formatted(servicesKeytab, aliceKeytab, app.uid(), appSocket(socket));
    }

    /** The socket of uid 0's service. */
    Path rootSocket() {
        return daemon.socket();
    }

    /** The socket of the {@code app} user's service. */
    Path appSocket() {
        return appSocket(daemon.socket());
    }

    private static Path appSocket(Path main) {
        return main.resolveSibling("java.sock");
    }

    LocalUser app() {
        return app;
    }

    /**
     * Waits for {@code server} (a program with the agent) to print {@code listening on <port>}, then has Debian's
     * {@code curl --negotiate} (MIT GSS-API, with alice's ticket cache, not through any proxy) GET {@code /} from
     * it; the result's stdout is the body, a newline and the HTTP status.
     */
    ChildProcess.Result curlNegotiateAsAlice(AgentJvm.Started server, String ccacheName) {
        Path aliceCcache = realm.realm().kinit("alice", "alicepw", ccacheName);
        server.process().awaitOutput("listening on ", Duration.ofSeconds(60));
        String port = server.process().stdout().lines().filter(l -> l.startsWith("listening on "))
                .findFirst().orElseThrow().substring("listening on ".length());
        return ChildProcess.command("curl", "--silent", "--show-error", "--negotiate", "-u", ":",
                        "--write-out", "\n%{http_code}", "http://localhost:" + port + "/")
                .environment(Map.of("KRB5_CONFIG", realm.realm().krb5Conf().toString(),
                        "KRB5CCNAME", "FILE:" + aliceCcache, "GSS_USE_PROXY", "no"))
                .run(Duration.ofSeconds(30));
    }

    /** Restarts the daemon after {@code kill -9}; returns once every socket accepts again. */
    void kill9AndRestart() {
        daemon.kill9();
        daemon.restart();
        DaemonSockets.awaitAll(daemon, appSocket());
    }

    @Override
    public void close() {
        daemon.close();
        realm.close();
    }
}
