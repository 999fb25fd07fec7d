package dev.gssproxy4j.mech;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.testkit.Realm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One throwaway realm wired up for GSS tests: the realm's environment applied with {@link Posix#setenv} before any
 * GSS call, a user {@code alice} with a TGT in her own ccache, and the service {@code host/localhost} in a keytab.
 * Credentials name their ccache and keytab explicitly (cred store), so nothing depends on the defaults.
 */
public final class RealmSession implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "alice-password-1";
    static final String SERVICE = "host/localhost";
    static final int FLAGS = ContextFlag.MUTUAL.bit() | ContextFlag.SEQUENCE.bit() | ContextFlag.REPLAY.bit()
            | ContextFlag.CONF.bit() | ContextFlag.INTEG.bit();

    public final Realm realm;
    public final Gss gss;
    public final Path serviceKeytab;
    public final Path userCcache;

    public RealmSession(Realm realm) {
        this.realm = realm;
        realm.environment().forEach(Posix::setenv);
        this.gss = Gss.get();
        realm.addPrincipal(USER, PASSWORD);
        this.serviceKeytab = realm.keytab("service.keytab", SERVICE);
        this.userCcache = realm.kinit(USER, PASSWORD, "alice.ccache");
    }

    GssName user() {
        return gss.importName(realm.principal(USER), Oid.KRB5_NT_PRINCIPAL_NAME);
    }

    /** {@code host@localhost}, which the realm's krb5.conf maps to {@code host/localhost@REALM}. */
    GssName target() {
        return gss.importName("host@localhost", Oid.NT_HOSTBASED_SERVICE);
    }

    public GssCred initiatorCred() {
        return initiatorCred(userCcache);
    }

    GssCred initiatorCred(Path ccache) {
        try (GssName user = user()) {
            return gss.acquireCred(user, 0, List.of(Oid.KRB5), CredUsage.INITIATE,
                    Map.of("ccache", "FILE:" + ccache));
        }
    }

    GssCred acceptorCred() {
        return acceptorCred(serviceKeytab);
    }

    GssCred acceptorCred(Path keytab) {
        return acceptorCred(keytab.toString());
    }

    /** An acceptor credential of any principal in the keytab {@code keytabName} (a path or {@code TYPE:residual}). */
    public GssCred acceptorCred(String keytabName) {
        return gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT, Map.of("keytab", keytabName));
    }

    /** Runs init/accept to completion (1 or 3 legs, depending on {@code flags}); closes both ends on failure. */
    Peers establish(GssCred initiator, GssCred acceptor, int flags, ChannelBindings bindings) {
        SecContext ictx = null;
        AcceptResult a = null;
        try (GssName target = target()) {
            InitResult i = gss.initSecContext(initiator, null, target, Oid.KRB5, flags, 0, bindings, null);
            ictx = i.context();
            a = gss.acceptSecContext(null, acceptor, i.outputToken(), bindings);
            if (i.continueNeeded()) {
                i = gss.initSecContext(initiator, ictx, target, Oid.KRB5, flags, 0, bindings, a.outputToken());
            }
            if (i.continueNeeded() || a.continueNeeded()) {
                throw new AssertionError("krb5 needs at most three legs: " + i + " / " + a);
            }
            return new Peers(ictx, a.context(), a.srcName(), a.delegatedCred());
        } catch (RuntimeException | AssertionError e) {
            Handles.closeQuietly(ictx);
            if (a != null) {
                Handles.closeQuietly(a.context(), a.srcName(), a.delegatedCred());
            }
            throw e;
        }
    }

    Peers establish() {
        try (GssCred ic = initiatorCred(); GssCred ac = acceptorCred()) {
            return establish(ic, ac, FLAGS, null);
        }
    }

    @Override
    public void close() {
        realm.close();
    }

    /** Both ends of an established context, plus what the acceptor learned. */
    record Peers(SecContext initiator, SecContext acceptor, GssName source, GssCred delegated)
            implements AutoCloseable {
        @Override
        public void close() {
            Handles.closeQuietly(initiator, acceptor, source, delegated);
        }
    }
}
