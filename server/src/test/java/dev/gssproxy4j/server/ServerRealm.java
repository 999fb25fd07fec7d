package dev.gssproxy4j.server;

import dev.gssproxy4j.mech.AcceptResult;
import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.config.UserDirectory;
import dev.gssproxy4j.server.dispatch.HandlerTable;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.ServiceRealm;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's view of testkit's {@link ServiceRealm}: the real MIT library pointed at it, services and calls built
 * as the dispatcher builds them, and handlers run through the dispatcher's own {@link HandlerTable#answer}.
 */
public final class ServerRealm implements AutoCloseable {

    public static final String USER = "alice";
    public static final String SERVICE_PRINCIPAL = ServiceRealm.SERVICE;
    public static final String TARGET = ServiceRealm.TARGET;
    /** An application's uid, for calls that need no particular service owner. */
    public static final int CALLER_UID = 4242;
    /** The owner of the services {@link #acceptor} builds. */
    public static final int SERVICE_UID = 4343;
    /** Another user's uid. */
    public static final int OTHER_UID = 4344;
    /** Mutual authentication, sequence and replay detection, confidentiality and integrity. */
    public static final int FLAGS = ContextFlag.MUTUAL.bit() | ContextFlag.SEQUENCE.bit() | ContextFlag.REPLAY.bit()
            | ContextFlag.CONF.bit() | ContextFlag.INTEG.bit();

    public final Realm realm;
    public final Gss gss;
    public final Path serviceKeytab;
    public final Path aliceKeytab;
    public final HandleSealer sealer = new HandleSealer(Keyring.ephemeral());
    private final ServiceRealm layout;

    public ServerRealm() {
        // The Debian gssproxy package installs its interposer; without this MIT would call the system daemon.
        Posix.setenv("GSS_USE_PROXY", "NO");
        this.layout = ServiceRealm.kerby();
        this.realm = layout.realm();
        realm.environment().forEach(Posix::setenv);
        this.gss = Gss.get();
        this.serviceKeytab = layout.serviceKeytab();
        this.aliceKeytab = layout.aliceKeytab();
    }

    /** The library, {@link #sealer} and the system's users, as the daemon has them. */
    public ServerResources resources() {
        return resources(sealer, Clock.systemUTC());
    }

    public ServerResources resources(HandleSealer handleSealer, Clock clock) {
        return new ServerResources(gss, handleSealer, UserDirectory.system(), clock);
    }

    /** Resources for calls that need no realm: the library, an ephemeral keyring, no users. */
    public static ServerResources resourcesWithoutRealm() {
        return new ServerResources(Gss.get(), new HandleSealer(Keyring.ephemeral()), NO_USERS, Clock.systemUTC());
    }

    /** An acceptor service of {@link #SERVICE_UID} with the host keytab. */
    public ServiceConfig.Builder acceptor(String name) {
        return acceptor(name, serviceKeytab);
    }

    /** An acceptor service of {@link #SERVICE_UID} with {@code keytab}. */
    public ServiceConfig.Builder acceptor(String name, Path keytab) {
        return ServiceConfig.builder(name).euid(SERVICE_UID).mech(Mech.KRB5).credStore("keytab", keytab.toString());
    }

    /**
     * The service a caller's client environment is tested with: any uid, krb5, run by {@link #SERVICE_UID}, with
     * no cred store, allowing {@code variable} in {@code allow_client_env} when {@code allow}.
     */
    public static ServiceConfig clientEnvService(ClientEnvVar variable, boolean allow) {
        ServiceConfig.Builder b = ServiceConfig.builder("user-env").euid(SERVICE_UID).mech(Mech.KRB5).allowAnyUid(true);
        return (allow ? b.allowClientEnv(variable) : b).build();
    }

    /** A service of {@link #CALLER_UID} that initiates as alice from her client keytab. */
    public ServiceConfig initiatorService() {
        return ServiceConfig.builder("test-init").euid(CALLER_UID).mech(Mech.KRB5)
                .credStore("client_keytab", aliceKeytab.toString())
                .credUsage(dev.gssproxy4j.mech.CredUsage.INITIATE).build();
    }

    public CallContext call(ServiceConfig service, int callerUid) {
        return call(service, callerUid, resources());
    }

    /** A call from {@link #CALLER_UID} matched to {@code service}. */
    public static CallContext call(ServiceConfig service, ServerResources resources) {
        return call(service, CALLER_UID, resources);
    }

    /** A call from {@code callerUid} that the dispatcher matched to {@code service}. */
    public static CallContext call(ServiceConfig service, int callerUid, ServerResources resources) {
        Caller caller = new Caller(callerUid, callerUid, 1, Optional.empty(), Optional.empty(),
                Path.of("/run/gssproxy4j-test.sock"));
        GssProxyConfig config = new GssProxyConfig(0, false, Optional.empty(), 1, Path.of("/nonexistent/keyring"),
                caller.socket(), List.of(service), List.of(), List.of());
        return new CallContext(caller, service, config, 11, resources);
    }

    /** Runs a handler as the dispatcher does ({@link HandlerTable#answer}). */
    public static <A extends GssxArg, R extends GssxRes> R run(ProcedureHandler<A, R> handler, A args,
                                                               CallContext call) throws InterruptedException {
        return HandlerTable.answer(handler, args, call);
    }

    /** The FILE ccache that holds the TGT of {@code user}. */
    public Path ccache(String user) {
        return layout.ccache(user);
    }

    /** The host service's acceptor credential from its keytab. */
    public GssCred acceptorCred() {
        return gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                Map.of("keytab", serviceKeytab.toString()));
    }

    /** alice's TGT from her ccache. */
    public GssCred initiatorCred() {
        return initiatorCred(USER);
    }

    /** The TGT of {@code user} from its ccache. */
    public GssCred initiatorCred(String user) {
        try (GssName name = gss.importName(realm.principal(user), Oid.KRB5_NT_PRINCIPAL_NAME)) {
            return gss.acquireCred(name, 0, List.of(Oid.KRB5), CredUsage.INITIATE,
                    Map.of("ccache", "FILE:" + ccache(user)));
        }
    }

    /** The first {@code gss_init_sec_context} leg of {@code cred} to {@link #TARGET}. */
    public InitResult initiate(GssCred cred, int flags) {
        try (GssName target = gss.importName(TARGET, Oid.NT_HOSTBASED_SERVICE)) {
            return gss.initSecContext(cred, null, target, Oid.KRB5, flags, 0, null, null);
        }
    }

    /** A later {@code gss_init_sec_context} leg of {@code ctx} with the acceptor's {@code token}. */
    public InitResult continueInit(GssCred cred, SecContext ctx, int flags, byte[] token) {
        try (GssName target = gss.importName(TARGET, Oid.NT_HOSTBASED_SERVICE)) {
            return gss.initSecContext(cred, ctx, target, Oid.KRB5, flags, 0, null, token);
        }
    }

    /** Both ends of a context between alice and the host service established with the mech API, exported. */
    public Exported establish() {
        try (GssCred ic = initiatorCred(); GssCred ac = acceptorCred()) {
            InitResult first = initiate(ic, FLAGS);
            AcceptResult accepted = gss.acceptSecContext(null, ac, first.outputToken(), null);
            InitResult last = continueInit(ic, first.context(), FLAGS, accepted.outputToken());
            if (last.continueNeeded() || accepted.continueNeeded()) {
                throw new AssertionError("krb5 with mutual authentication needs three legs");
            }
            accepted.srcName().close();
            if (accepted.delegatedCred() != null) {
                accepted.delegatedCred().close();
            }
            return new Exported(gss.exportContext(last.context()), gss.exportContext(accepted.context()));
        }
    }

    /** Exported context tokens of both ends. */
    public record Exported(byte[] initiator, byte[] acceptor) {}

    @Override
    public void close() {
        layout.close();
    }

    /** A user directory that knows nobody. */
    public static final UserDirectory NO_USERS = new UserDirectory() {
        @Override
        public Optional<User> byName(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<User> byUid(int uid) {
            return Optional.empty();
        }

        @Override
        public List<Integer> supplementaryGroups(String userName) {
            return List.of();
        }
    };
}
