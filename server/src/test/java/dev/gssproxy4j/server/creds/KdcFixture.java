package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.config.UserDirectory;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.dispatch.Statuses;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kerby realm with the real MIT library pointed at it, for credential and accept tests: users {@code alice},
 * {@code bob} (no local account) and {@code root} (maps to uid 0) with TGTs in their own ccaches, the service
 * {@code host/localhost} in a keytab, and builders for calls as the dispatcher would make them.
 */
public final class KdcFixture implements AutoCloseable {

    public static final String SERVICE_PRINCIPAL = "host/localhost";
    public static final String TARGET = "host@localhost";
    public static final int SERVICE_UID = 4343;
    public static final int OTHER_UID = 4344;

    public final Realm realm;
    public final Gss gss;
    public final Path serviceKeytab;
    public final Path aliceKeytab;
    public final HandleSealer sealer = new HandleSealer(Keyring.ephemeral());
    private final Map<String, Path> ccaches;

    public KdcFixture() {
        // The Debian gssproxy package installs its interposer; without this MIT would call the system daemon.
        Posix.setenv("GSS_USE_PROXY", "NO");
        this.realm = Realms.kerby();
        realm.environment().forEach(Posix::setenv);
        this.gss = Gss.get();
        for (String user : List.of("alice", "bob", "root")) {
            realm.addPrincipal(user, user + "-password-1");
        }
        this.serviceKeytab = realm.keytab("service.keytab", SERVICE_PRINCIPAL);
        this.aliceKeytab = realm.keytab("alice.keytab", "alice");
        this.ccaches = Map.of("alice", realm.kinit("alice", "alice-password-1", "alice.ccache"),
                "bob", realm.kinit("bob", "bob-password-1", "bob.ccache"),
                "root", realm.kinit("root", "root-password-1", "root.ccache"));
    }

    public ServerResources resources() {
        return resources(sealer, Clock.systemUTC());
    }

    public ServerResources resources(HandleSealer handleSealer, Clock clock) {
        return new ServerResources(gss, handleSealer, UserDirectory.system(), clock);
    }

    /** An acceptor service of {@link #SERVICE_UID} with the host keytab. */
    public ServiceConfig.Builder acceptor(String name) {
        return acceptor(name, serviceKeytab);
    }

    /** An acceptor service of {@link #SERVICE_UID} with {@code keytab}. */
    public ServiceConfig.Builder acceptor(String name, Path keytab) {
        return ServiceConfig.builder(name).euid(SERVICE_UID).mech(Mech.KRB5).credStore("keytab", keytab.toString());
    }

    public CallContext call(ServiceConfig service, int callerUid) {
        return call(service, callerUid, resources());
    }

    public static CallContext call(ServiceConfig service, int callerUid, ServerResources resources) {
        Caller caller = new Caller(callerUid, callerUid, 1, Optional.empty(), Optional.empty(),
                Path.of("/run/gssproxy4j-creds-test.sock"));
        GssProxyConfig config = new GssProxyConfig(0, false, Optional.empty(), 1, Path.of("/nonexistent/keyring"),
                caller.socket(), List.of(service), List.of(), List.of());
        return new CallContext(caller, service, config, 11, resources);
    }

    /** Runs a handler as the dispatcher does: a thrown GssException becomes the handler's failure result. */
    public static <A extends GssxArg, R extends GssxRes> R run(ProcedureHandler<A, R> handler, A args,
                                                               CallContext call) throws InterruptedException {
        try {
            return handler.handle(args, call);
        } catch (GssException e) {
            return Statuses.failure(handler, e, call.resources().gss());
        }
    }

    /** The FILE ccache that holds the TGT of {@code user}. */
    public Path ccache(String user) {
        return ccaches.get(user);
    }

    /** The TGT of {@code user} from its ccache. */
    public GssCred initiatorCred(String user) {
        try (GssName name = gss.importName(realm.principal(user), Oid.KRB5_NT_PRINCIPAL_NAME)) {
            return gss.acquireCred(name, 0, List.of(Oid.KRB5), CredUsage.INITIATE,
                    Map.of("ccache", "FILE:" + ccaches.get(user)));
        }
    }

    /** The first {@code gss_init_sec_context} leg of {@code cred} to {@link #TARGET}. */
    public InitResult initiate(GssCred cred, int flags) {
        try (GssName target = gss.importName(TARGET, Oid.NT_HOSTBASED_SERVICE)) {
            return gss.initSecContext(cred, null, target, Oid.KRB5, flags, 0, null, null);
        }
    }

    /** A later {@code gss_init_sec_context} leg of {@code ctx} with the acceptor's {@code token}. */
    public InitResult continueInit(GssCred cred, dev.gssproxy4j.mech.SecContext ctx, int flags, byte[] token) {
        try (GssName target = gss.importName(TARGET, Oid.NT_HOSTBASED_SERVICE)) {
            return gss.initSecContext(cred, ctx, target, Oid.KRB5, flags, 0, null, token);
        }
    }

    @Override
    public void close() {
        realm.close();
    }
}
