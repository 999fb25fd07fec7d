package dev.gssproxy4j.cli;

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
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gssproxy4j demo}: the daemon with nothing installed. An embedded KDC (Kerby) serves a throwaway realm
 * with a user alice and the services {@code HTTP/localhost} and {@code host/localhost}; a generated gssproxy.conf
 * proxies both; the daemon runs in this process on sockets in a temporary directory. The demo proves itself with
 * one context established through the daemon (alice to HTTP, mutual, then a wrapped message unwrapped by the
 * context the daemon exported), prints how to point MIT's C programs at it, and serves until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the daemon on a throwaway realm (embedded KDC, generated configuration), prove it with "
                + "one context established through it, print how to point C programs at it, and serve until "
                + "Ctrl-C."})
final class DemoCommand implements Callable<Integer> {

    private static final String MESSAGE = "hello through gssproxy4j";

    @Option(names = "--check", description = "Prove the daemon works, then stop (exit status 0 on success).")
    boolean check;

    @Option(names = "--debug-level", paramLabel = "N", description = "Daemon debug level (default 1).")
    int debugLevel = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Realm realm = Realms.kerby()) {
            realm.addPrincipal("alice", "alicepw");
            Path dir = realm.dir();
            Path httpKeytab = realm.keytab("http.keytab", "HTTP/localhost");
            Path hostKeytab = realm.keytab("host.keytab", "host/localhost");
            Path aliceCcache = realm.kinit("alice", "alicepw", "alice.ccache");
            realm.environment().forEach(Posix::setenv);
            Posix.setenv("KRB5CCNAME", "FILE:" + aliceCcache);
            Path socket = dir.resolve("gssproxy.sock");
            Path hostSocket = dir.resolve("host.sock");
            Path config = dir.resolve("gssproxy.conf");
            Files.writeString(config, config(dir, httpKeytab, hostKeytab, hostSocket));
            out.println("gssproxy4j demo: realm " + realm.name() + " on 127.0.0.1:" + realm.kdcPort()
                    + " (embedded Kerby KDC), files in " + dir);
            out.flush();
            Daemon daemon = Daemon.start(new DaemonOptions(java.util.Optional.of(config), java.util.Optional.empty(),
                    java.util.Optional.of(socket), java.util.OptionalInt.of(debugLevel), false), Handlers.all());
            try {
                prove(out, socket, realm);
                explain(out, realm, socket, hostSocket, aliceCcache);
                if (!check) {
                    out.println("Serving until Ctrl-C.");
                    out.flush();
                    Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "demo shutdown"));
                    daemon.awaitStop();
                }
            } finally {
                daemon.close();
            }
        }
        return 0;
    }

    /** alice (this process, her own ccache) establishes a context with HTTP/localhost, accepted by the daemon. */
    private static void prove(PrintWriter out, Path socket, Realm realm) throws Exception {
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
            out.println("proved: " + realm.principal("alice") + " established a mutually authenticated context "
                    + "with HTTP/localhost@" + realm.name() + " through the daemon (ACQUIRE_CRED + "
                    + "ACCEPT_SEC_CONTEXT), and the context the daemon exported unwrapped \"" + MESSAGE + "\"");
        }
    }

    private static void explain(PrintWriter out, Realm realm, Path socket, Path hostSocket, Path aliceCcache) {
        out.println();
        out.println("Point MIT's C programs at it (krb5-gss-samples; the services cannot read any keytab):");
        out.println("  export KRB5_CONFIG=" + realm.krb5Conf());
        out.println("  GSS_USE_PROXY=yes GSSPROXY_BEHAVIOR=REMOTE_ONLY GSSPROXY_SOCKET=" + socket
                + " KRB5_KTNAME=FILE:/nonexistent KRB5CCNAME=FILE:/tmp/demo-http.ccache gss-server -port 8801 "
                + "HTTP@localhost");
        out.println("  GSS_USE_PROXY=yes GSSPROXY_BEHAVIOR=REMOTE_ONLY GSSPROXY_SOCKET=" + hostSocket
                + " KRB5_KTNAME=FILE:/nonexistent KRB5CCNAME=FILE:/tmp/demo-host.ccache gss-server -port 8802 "
                + "host@localhost");
        out.println("  KRB5CCNAME=FILE:" + aliceCcache + " gss-client -port 8801 localhost HTTP@localhost hello");
        out.println();
        out.flush();
    }

    private static String config(Path dir, Path httpKeytab, Path hostKeytab, Path hostSocket) {
        int uid = (int) new com.sun.security.auth.module.UnixSystem().getUid();
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
                """.formatted(dir.resolve("gssproxy4j.keyring"), httpKeytab, uid, hostKeytab, uid, hostSocket);
    }
}
