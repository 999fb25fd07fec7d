package dev.gssproxy4j.demo;

import dev.gssproxy4j.cli.DebugOption;
import dev.gssproxy4j.cli.Signals;
import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.server.Daemon;
import dev.gssproxy4j.server.DaemonOptions;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.server.log.DaemonLog;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gssproxy4j demo}: the daemon with nothing installed but a JDK and MIT's GSS-API library. An embedded KDC
 * serves a throwaway realm with a user alice and the services {@code HTTP/localhost} and {@code host/localhost}
 * ({@link DemoRealm}); a generated gssproxy.conf proxies both; the daemon runs in this process on sockets in a
 * temporary directory. The demo proves itself with one context established through the daemon (alice to HTTP,
 * mutual, then a wrapped message unwrapped by the context the daemon exported), prints how to point MIT's C
 * programs at it, and serves until SIGINT or SIGTERM.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the daemon on a throwaway realm (embedded KDC, generated configuration), prove it with "
                + "one context established through it, print how to point C programs at it, and serve until "
                + "Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

    private static final String MESSAGE = "hello through gssproxy4j";

    @Option(names = "--check", description = "Prove the daemon works, then stop (exit status 0 on success).")
    boolean check;

    @Option(names = "--debug-level", paramLabel = "N", description = "Daemon debug level (default 1).")
    int debugLevel = 1;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** For the CLI, which loads this class by name. */
    public DemoCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Signals.stopOnInterruptAndTerminate();
        // What a signal's exit must close (the daemon, then the realm, whose directory holds keys), and only then.
        Closer open = new Closer();
        Thread onSignal = new Thread(() -> {
            if (open.isOpen()) {
                DaemonLog.debug(1, "Exiting after receiving a signal");
            }
            open.closeAll();
        }, "demo shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            DemoRealm realm = open.add(DemoRealm.start());
            Path dir = realm.realm().dir();
            Path socket = dir.resolve("gssproxy.sock");
            Path hostSocket = dir.resolve("host.sock");
            Path config = dir.resolve("gssproxy.conf");
            Files.writeString(config, config(dir, realm, hostSocket));
            out.println("gssproxy4j demo: realm " + realm.realm().name() + " on 127.0.0.1:"
                    + realm.realm().kdcPort() + " (embedded Kerby KDC), files in " + dir);
            out.flush();
            Daemon daemon = open.add(Daemon.start(new DaemonOptions(Optional.of(config), Optional.empty(),
                    Optional.of(socket), OptionalInt.of(debugLevel), false), Handlers.all()));
            prove(out, socket, realm);
            explain(out, realm, socket, hostSocket);
            if (!check) {
                out.println("Serving until Ctrl-C.");
                out.flush();
                daemon.awaitStop();
            }
        } finally {
            open.closeAll();
            removeHook(onSignal);
        }
        return 0;
    }

    /** alice (this process, her own ccache) establishes a context with HTTP/localhost, accepted by the daemon. */
    private static void prove(PrintWriter out, Path socket, DemoRealm realm) throws Exception {
        Gss gss = Gss.get();
        int flags = (int) (Args.GSS_C_MUTUAL_FLAG | Args.GSS_C_CONF_FLAG | Args.GSS_C_INTEG_FLAG);
        try (GssProxyClient client = GssProxyClient.connect(socket);
             GssName target = gss.importName("HTTP@localhost", Oid.NT_HOSTBASED_SERVICE)) {
            GssxCred cred = GssProxyClient.requireComplete(client.acquireCred(Args.acquireAcceptorCred(
                    "HTTP@localhost"))).outputCredHandle().orElseThrow();
            InitResult first = gss.initSecContext(null, null, target, Oid.KRB5, flags, 0, null, null);
            ResAcceptSecContext accepted = GssProxyClient.requireComplete(
                    client.acceptSecContext(Args.accept(cred, first.outputToken())));
            InitResult done = gss.initSecContext(null, first.context(), target, Oid.KRB5, flags, 0, null,
                    accepted.outputToken().orElseThrow().toByteArray());
            try (SecContext initiator = done.context();
                 SecContext acceptor = gss.importContext(accepted.contextHandle().orElseThrow()
                         .exportedContextToken().toByteArray())) {
                byte[] token = initiator.wrap(true, 0, MESSAGE.getBytes(StandardCharsets.UTF_8)).token();
                String unwrapped = new String(acceptor.unwrap(token).message(), StandardCharsets.UTF_8);
                if (!unwrapped.equals(MESSAGE)) {
                    throw new IllegalStateException("the exported context unwrapped the wrong message");
                }
            }
            String name = realm.realm().name();
            out.println("proved: " + realm.realm().principal(DemoRealm.USER) + " established a mutually "
                    + "authenticated context with HTTP/localhost@" + name + " through the daemon (ACQUIRE_CRED + "
                    + "ACCEPT_SEC_CONTEXT), and the context the daemon exported unwrapped \"" + MESSAGE + "\"");
        }
    }

    private static void explain(PrintWriter out, DemoRealm realm, Path socket, Path hostSocket) {
        out.println();
        out.println("Point MIT's C programs at it: gss-server and gss-client are in Debian's krb5-gss-samples, "
                + "GSS_USE_PROXY needs the interposer plugin from the gssproxy package; the services cannot read "
                + "any keytab:");
        out.println("  export KRB5_CONFIG=" + realm.realm().krb5Conf());
        out.println("  GSS_USE_PROXY=yes GSSPROXY_BEHAVIOR=REMOTE_ONLY GSSPROXY_SOCKET=" + socket
                + " KRB5_KTNAME=FILE:/nonexistent KRB5CCNAME=FILE:/tmp/demo-http.ccache gss-server -port 8801 "
                + "HTTP@localhost");
        out.println("  GSS_USE_PROXY=yes GSSPROXY_BEHAVIOR=REMOTE_ONLY GSSPROXY_SOCKET=" + hostSocket
                + " KRB5_KTNAME=FILE:/nonexistent KRB5CCNAME=FILE:/tmp/demo-host.ccache gss-server -port 8802 "
                + "host@localhost");
        out.println("  KRB5CCNAME=FILE:" + realm.aliceCcache() + " gss-client -port 8801 localhost HTTP@localhost "
                + "hello");
        out.println();
        out.flush();
    }

    private static String config(Path dir, DemoRealm realm, Path hostSocket) {
        int uid = Posix.getuid();
        return """
                # Generated by gssproxy4j demo: two services, each usable by any local user.
                [gssproxy]
                  keyring = %s

                [service/demo-http]
                  mechs = krb5
                  cred_store = keytab:%s
                  cred_usage = accept
                  euid = %d
                  allow_any_uid = yes

                [service/demo-host]
                  mechs = krb5
                  cred_store = keytab:%s
                  cred_usage = accept
                  euid = %d
                  allow_any_uid = yes
                  socket = %s
                """.formatted(dir.resolve("gssproxy4j.keyring"), realm.httpKeytab(), uid, realm.hostKeytab(), uid,
                hostSocket);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal's exit is under way; the hook closes nothing that is still open
        }
    }
}
