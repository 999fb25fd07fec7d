package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.AcceptResult;
import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.config.UserDirectory;
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
 * A throwaway Kerby realm for handler tests, with the real MIT library pointed at it: the user {@code alice} with
 * a TGT in her own ccache and a client keytab, and the service {@code host/localhost} in a keytab. Calls run as if
 * the daemon had matched a service, through {@link #call}.
 */
public final class HandlerRealm implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "alice-password-1";
    static final String SERVICE = "host/localhost";
    static final String TARGET = "host@localhost";
    static final int CALLER_UID = 4242;
    static final int FLAGS = ContextFlag.MUTUAL.bit() | ContextFlag.SEQUENCE.bit() | ContextFlag.REPLAY.bit()
            | ContextFlag.CONF.bit() | ContextFlag.INTEG.bit();

    final Realm realm;
    final Gss gss;
    final Path serviceKeytab;
    final Path userKeytab;
    final Path userCcache;

    HandlerRealm() {
        // The Debian gssproxy package installs its interposer; without this MIT would call the system daemon.
        Posix.setenv("GSS_USE_PROXY", "NO");
        this.realm = Realms.kerby();
        realm.environment().forEach(Posix::setenv);
        this.gss = Gss.get();
        realm.addPrincipal(USER, PASSWORD);
        this.serviceKeytab = realm.keytab("service.keytab", SERVICE);
        this.userKeytab = realm.keytab("alice.keytab", USER);
        this.userCcache = realm.kinit(USER, PASSWORD, "alice.ccache");
    }

    ServerResources resources(HandleSealer sealer) {
        return new ServerResources(gss, sealer, NO_USERS, Clock.systemUTC());
    }

    /** Resources for calls that need no realm: the library, an ephemeral keyring, no users. */
    static ServerResources resourcesWithoutRealm() {
        return new ServerResources(Gss.get(), new HandleSealer(Keyring.ephemeral()), NO_USERS,
                Clock.systemUTC());
    }

    ServerResources resources() {
        return resources(new HandleSealer(Keyring.ephemeral()));
    }

    /** A call from {@link #CALLER_UID} matched to {@code service}. */
    static CallContext call(ServiceConfig service, ServerResources resources) {
        Caller caller = new Caller(CALLER_UID, CALLER_UID, 1, Optional.empty(), Optional.empty(),
                Path.of("/run/gssproxy4j-test.sock"));
        GssProxyConfig config = new GssProxyConfig(0, false, Optional.empty(), 1, Path.of("/nonexistent/keyring"),
                caller.socket(), List.of(service), List.of(), List.of());
        return new CallContext(caller, service, config, 7, resources);
    }

    /** A service of {@link #CALLER_UID} that initiates as alice from her client keytab. */
    ServiceConfig initiatorService() {
        return ServiceConfig.builder("test-init").euid(CALLER_UID).mech(Mech.KRB5)
                .credStore("client_keytab", userKeytab.toString())
                .credUsage(dev.gssproxy4j.server.config.CredUsage.INITIATE).build();
    }

    GssCred acceptorCred() {
        return gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                Map.of("keytab", serviceKeytab.toString()));
    }

    GssCred initiatorCred() {
        try (GssName user = gss.importName(realm.principal(USER), Oid.KRB5_NT_PRINCIPAL_NAME)) {
            return gss.acquireCred(user, 0, List.of(Oid.KRB5), CredUsage.INITIATE,
                    Map.of("ccache", "FILE:" + userCcache));
        }
    }

    /** Both ends of a context established with the mech API (mutual: three legs), exported. */
    Exported establish() {
        try (GssCred ic = initiatorCred(); GssCred ac = acceptorCred();
             GssName target = gss.importName(TARGET, Oid.NT_HOSTBASED_SERVICE)) {
            InitResult first = gss.initSecContext(ic, null, target, Oid.KRB5, FLAGS, 0, null, null);
            AcceptResult accepted = gss.acceptSecContext(null, ac, first.outputToken(), null);
            InitResult last = gss.initSecContext(ic, first.context(), target, Oid.KRB5, FLAGS, 0, null,
                    accepted.outputToken());
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
    record Exported(byte[] initiator, byte[] acceptor) {}

    @Override
    public void close() {
        realm.close();
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
