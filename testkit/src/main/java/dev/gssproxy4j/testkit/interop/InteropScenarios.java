package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The interposer scenarios of {@code shared/wire/README.md} ({@link InteropScenario}), against any daemon socket:
 * the same methods prove upstream gssproxy ({@link UpstreamGssproxy}) and gssproxy4j, given a daemon started with
 * {@link #configFor}'s configuration on that socket.
 *
 * <pre>{@code
 * try (Realm realm = Realms.kerby(); InteropScenarios scenarios = InteropScenarios.prepare(realm);
 *      UpstreamGssproxy daemon = UpstreamGssproxy.start(realm.environment(),
 *              socket -> scenarios.configFor(socket, InteropScenario.ACCEPT))) {
 *     Exchange exchange = scenarios.acceptorThroughProxy(daemon.socket());
 *     assertTrue(exchange.succeeded(), exchange::describe);
 * }
 * }</pre>
 *
 * {@link #prepare} makes the principals {@code alice} (password) and {@code host/localhost} (random key), the
 * keytabs {@code host.keytab} and {@code alice.keytab} (owner root, mode 0600: the daemon reads them, the local
 * accounts cannot), alice's TGT, and the accounts {@link LocalUsers#SERVICE} and {@link LocalUsers#CLIENT}. Each
 * run gets fresh private directories (ccache, replay cache, HOME) owned by the account that uses them, under a
 * work directory that {@link #close()} deletes. Requires root ({@link InteropPreconditions}).
 */
public final class InteropScenarios implements AutoCloseable {

    /** The acceptor, as a host-based service name ({@code host/localhost@REALM}). */
    public static final String SERVICE = "host@localhost";
    public static final String MESSAGE = "hello from gssproxy4j interop";
    /** {@code gss-client -mcount}: messages wrapped by the client, each answered by a MIC the client verifies. */
    public static final int MESSAGES = 3;

    private static final String ALICE = "alice";
    private static final String ALICE_PASSWORD = "alice interop pass phrase";

    private final Realm realm;
    private final Path workDir;
    private final LocalUser serviceUser;
    private final LocalUser clientUser;
    private final Path hostKeytab;
    private final Path aliceKeytab;
    private final Path aliceCcache;
    private final AtomicInteger runs = new AtomicInteger();

    private InteropScenarios(Realm realm, Path workDir, LocalUser serviceUser, LocalUser clientUser,
                             Path hostKeytab, Path aliceKeytab, Path aliceCcache) {
        this.realm = realm;
        this.workDir = workDir;
        this.serviceUser = serviceUser;
        this.clientUser = clientUser;
        this.hostKeytab = hostKeytab;
        this.aliceKeytab = aliceKeytab;
        this.aliceCcache = aliceCcache;
    }

    /** Creates accounts, principals, root-only keytabs and alice's TGT in {@code realm} (see the class comment). */
    public static InteropScenarios prepare(Realm realm) {
        LocalUser service = LocalUsers.ensure(LocalUsers.SERVICE);
        LocalUser client = LocalUsers.ensure(LocalUsers.CLIENT);
        realm.addPrincipal(ALICE, ALICE_PASSWORD);
        Path hostKeytab = Identity.rootOnly(realm.keytab("host.keytab", "host/localhost"));
        Path aliceKeytab = Identity.rootOnly(realm.keytab("alice.keytab", ALICE));
        Path aliceCcache = realm.kinit(ALICE, ALICE_PASSWORD, "alice.ccache");
        Path workDir = TempDirs.createTraversable("gssproxy4j-interop-");
        return new InteropScenarios(realm, workDir, service, client, hostKeytab, aliceKeytab, aliceCcache);
    }

    /**
     * The {@code gssproxy.conf} text that serves {@code scenarios} on {@code socket}, one {@code [service/...]}
     * section each, in the shape of the captures in {@code shared/wire}:
     * <pre>
     * [service/gp4j-accept]                      [service/gp4j-init]
     *   mechs = krb5                               mechs = krb5
     *   cred_store = keytab:&lt;host.keytab&gt;          cred_store = client_keytab:&lt;alice.keytab&gt;
     *   euid = &lt;uid of gp4j-svc&gt;                   cred_usage = initiate
     *   socket = &lt;socket&gt;                          krb5_principal = alice
     *                                              euid = &lt;uid of gp4j-cli&gt;
     *                                              socket = &lt;socket&gt;
     * </pre>
     * ({@code krb5_principal} is kept from the capture although gssproxy 0.9.1 ignores it on this path: the
     * client principal comes from the only entry of the client keytab.) The two sections have different euids,
     * so they can share one socket.
     */
    public String configFor(Path socket, InteropScenario... scenarios) {
        if (scenarios.length == 0) {
            throw new IllegalArgumentException("name at least one scenario");
        }
        StringBuilder conf = new StringBuilder("# generated by gssproxy4j testkit InteropScenarios\n");
        for (InteropScenario scenario : List.of(scenarios)) {
            conf.append('\n').append("[service/").append(scenario.serviceName()).append("]\n")
                    .append("  mechs = krb5\n");
            switch (scenario) {
                case ACCEPT -> conf.append("  cred_store = keytab:").append(hostKeytab).append('\n')
                        .append("  euid = ").append(serviceUser.uid()).append('\n');
                case INIT -> conf.append("  cred_store = client_keytab:").append(aliceKeytab).append('\n')
                        .append("  cred_usage = initiate\n")
                        .append("  krb5_principal = ").append(ALICE).append('\n')
                        .append("  euid = ").append(clientUser.uid()).append('\n');
            }
            conf.append("  socket = ").append(socket).append('\n');
        }
        return conf.toString();
    }

    /** Runs {@code scenario} against the daemon listening on {@code socket}. */
    public Exchange run(InteropScenario scenario, Path socket) {
        return switch (scenario) {
            case ACCEPT -> acceptorThroughProxy(socket);
            case INIT -> initiatorThroughProxy(socket);
        };
    }

    /**
     * {@code accept/}: {@code gss-server} as {@link LocalUsers#SERVICE} through the proxy (no keytab), and
     * {@code gss-client} as {@link LocalUsers#CLIENT} directly with a copy of alice's ccache it owns.
     */
    public Exchange acceptorThroughProxy(Path socket) {
        Path run = newRunDir(InteropScenario.ACCEPT);
        SampleEnvironment server = SampleEnvironment.throughProxy(serviceUser, socket, realm.krb5Conf(),
                Identity.privateDir(run.resolve(serviceUser.name()), serviceUser));
        Path clientDir = Identity.privateDir(run.resolve(clientUser.name()), clientUser);
        SampleEnvironment client = SampleEnvironment.direct(clientUser, realm.krb5Conf(), clientDir)
                .withCcache(ccacheOwnedBy(clientUser, clientDir));
        return GssSamples.exchange(server, client, SERVICE, MESSAGE, MESSAGES, run.resolve("out"));
    }

    /**
     * What is wrong with an {@link #acceptorThroughProxy} run, whichever daemon served it: empty if gss-server
     * accepted alice, received every message, and gss-client verified every signature and saw a mutually
     * authenticated context to {@link #hostPrincipal()}; {@code gss_localname} must map alice (only a prefix is
     * compared, see {@link ServerOutcome}).
     */
    public List<String> acceptorRunProblems(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        if (!exchange.succeeded()) {
            problems.add("the exchange failed");
        }
        if (!exchange.server().acceptedClient().equals(Optional.of(alice()))) {
            problems.add("gss-server accepted " + exchange.server().acceptedClient() + ", not " + alice());
        }
        if (!exchange.server().receivedMessages().equals(Collections.nCopies(MESSAGES, MESSAGE))) {
            problems.add("gss-server received " + exchange.server().receivedMessages().size() + " messages, not "
                    + MESSAGES + " times the test message");
        }
        if (exchange.client().signaturesVerified() != MESSAGES) {
            problems.add("gss-client verified " + exchange.client().signaturesVerified() + " signatures, not "
                    + MESSAGES);
        }
        Optional<EstablishedContext> context = exchange.client().context();
        if (context.isEmpty() || !context.get().target().equals(hostPrincipal()) || !context.get().mutual()) {
            problems.add("gss-client's context is " + context + ", not a mutual one to " + hostPrincipal());
        }
        if (!exchange.server().localname().map(name -> name.startsWith("alice")).orElse(false)) {
            problems.add("gss_localname gave " + exchange.server().localname() + ", not alice");
        }
        return problems;
    }

    /**
     * {@code init/}: {@code gss-client} as {@link LocalUsers#CLIENT} through the proxy (no ccache, no keytab),
     * against {@code gss-server} as root reading {@code host.keytab} itself.
     */
    public Exchange initiatorThroughProxy(Path socket) {
        Path run = newRunDir(InteropScenario.INIT);
        SampleEnvironment server = SampleEnvironment.direct(LocalUser.ROOT, realm.krb5Conf(),
                Identity.privateDir(run.resolve("root"), LocalUser.ROOT)).withKeytab(hostKeytab);
        SampleEnvironment client = SampleEnvironment.throughProxy(clientUser, socket, realm.krb5Conf(),
                Identity.privateDir(run.resolve(clientUser.name()), clientUser));
        return GssSamples.exchange(server, client, SERVICE, MESSAGE, MESSAGES, run.resolve("out"));
    }

    /**
     * {@code user} tries to acquire acceptor credentials for {@link #SERVICE} from {@code host.keytab} itself,
     * without the proxy ({@link GssSamples#acquireAcceptorCredentials}). For {@link LocalUsers#SERVICE} this must
     * fail ("Permission denied"), which is what makes the accept scenario a proof that the daemon did the work.
     */
    public ChildProcess.Result acquireFromHostKeytabDirectly(LocalUser user) {
        Path run = newRunDir(InteropScenario.ACCEPT);
        SampleEnvironment direct = SampleEnvironment.direct(user, realm.krb5Conf(),
                Identity.privateDir(run.resolve(user.name()), user)).withKeytab(hostKeytab);
        return GssSamples.acquireAcceptorCredentials(direct, SERVICE, run.resolve("out"));
    }

    public LocalUser serviceUser() {
        return serviceUser;
    }

    public LocalUser clientUser() {
        return clientUser;
    }

    public Path hostKeytab() {
        return hostKeytab;
    }

    public Path aliceKeytab() {
        return aliceKeytab;
    }

    /** alice's full principal name, e.g. {@code alice@GSSPROXY4J.TEST}. */
    public String alice() {
        return realm.principal(ALICE);
    }

    /** {@code host/localhost@REALM}, the principal behind {@link #SERVICE}. */
    public String hostPrincipal() {
        return realm.principal("host/localhost");
    }

    /** Deletes the work directory (the realm stays open: its owner closes it). */
    @Override
    public void close() {
        TempDirs.deleteTree(workDir);
    }

    private Path newRunDir(InteropScenario scenario) {
        Path dir = workDir.resolve(scenario.name().toLowerCase(Locale.ROOT) + "-" + runs.incrementAndGet());
        try {
            Files.createDirectories(dir);
            Identity.chmod(dir, "rwxr-xr-x");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private Path ccacheOwnedBy(LocalUser user, Path privateDir) {
        Path copy = privateDir.resolve("alice.ccache");
        try {
            Files.copy(aliceCcache, copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy alice's ccache to " + copy, e);
        }
        Identity.chmod(copy, "rw-------");
        Identity.chown(copy, user);
        return copy;
    }
}
