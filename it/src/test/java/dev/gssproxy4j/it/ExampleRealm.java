package dev.gssproxy4j.it;

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
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The realm of {@code shared/wire} rebuilt with Kerby: named {@code EXAMPLE.TEST} (so principal names, exported
 * names and the default-realm localname mapping match the captures byte for byte), with {@code host/localhost},
 * {@code nfs/localhost}, {@code alice} and {@code bob}, their keytabs ({@code host.keytab}, {@code nfs.keytab},
 * {@code services.keytab} with both services, {@code alice.keytab}) and TGTs for alice and bob. The MIT library in
 * this JVM is pointed at it ({@code setenv}) and kept away from the gssproxy interposer ({@code GSS_USE_PROXY=NO}),
 * so tests can make fresh AP-REQs and accept the daemon's AP-REQs in-process.
 */
final class ExampleRealm implements AutoCloseable {

    static final String NAME = "EXAMPLE.TEST";
    static final String HOST_SERVICE = "host@localhost";
    static final String NFS_SERVICE = "nfs@localhost";
    /** What MIT gss-client asks for by default (the accept/ and init/ captures): MUTUAL and REPLAY. */
    static final int CLIENT_FLAGS = ContextFlag.MUTUAL.bit() | ContextFlag.REPLAY.bit();
    /** What {@code anchors/mktoken.c} asked for in kernel/01 and 02. */
    static final int MUTUAL_ONLY = ContextFlag.MUTUAL.bit();

    private final Realm realm;
    private final Gss gss;
    final Path hostKeytab;
    final Path nfsKeytab;
    final Path servicesKeytab;
    final Path aliceKeytab;
    private final Path aliceCcache;
    private final Path bobCcache;

    private ExampleRealm(Realm realm) {
        this.realm = realm;
        realm.addPrincipal("alice", "alicepw");
        realm.addPrincipal("bob", "bobpw");
        this.hostKeytab = realm.keytab("host.keytab", "host/localhost");
        this.nfsKeytab = realm.keytab("nfs.keytab", "nfs/localhost");
        this.servicesKeytab = realm.keytab("services.keytab", "host/localhost", "nfs/localhost");
        this.aliceKeytab = realm.keytab("alice.keytab", "alice");
        this.aliceCcache = realm.kinit("alice", "alicepw", "alice.ccache");
        this.bobCcache = realm.kinit("bob", "bobpw", "bob.ccache");
        this.gss = Gss.get();
    }

    static ExampleRealm start() {
        // The Debian gssproxy package installs its interposer: MIT in this JVM must not call any proxy.
        Posix.setenv("GSS_USE_PROXY", "NO");
        Realm realm = Realms.kerby(NAME);
        try {
            realm.environment().forEach(Posix::setenv);
            return new ExampleRealm(realm);
        } catch (RuntimeException e) {
            realm.close();
            throw e;
        }
    }

    /** The environment the daemon gets: MIT pointed at this realm. */
    Map<String, String> environment() {
        return realm.environment();
    }

    Realm realm() {
        return realm;
    }

    /** A fresh first-leg initiator token (a framed AP-REQ) from {@code user} ("alice" or "bob") for a service. */
    byte[] apReq(String user, String hostbasedService, int flags) {
        Path ccache = switch (user) {
            case "alice" -> aliceCcache;
            case "bob" -> bobCcache;
            default -> throw new IllegalArgumentException("no ccache for " + user);
        };
        try (GssCred cred = gss.acquireCred(null, Gss.LIFETIME_DEFAULT, List.of(Oid.KRB5), CredUsage.INITIATE,
                Map.of("ccache", "FILE:" + ccache));
             GssName target = gss.importName(hostbasedService, Oid.NT_HOSTBASED_SERVICE)) {
            InitResult init = gss.initSecContext(cred, null, target, Oid.KRB5, flags, 0, null, null);
            try (SecContext ignored = init.context()) {
                return init.outputToken();
            }
        }
    }

    /** A fresh mutual AP-REQ from alice for {@code host@localhost}, as gss-client sends it. */
    byte[] aliceToHost() {
        return apReq("alice", HOST_SERVICE, CLIENT_FLAGS);
    }

    /**
     * Accepts {@code apReq} for {@code host/localhost} in this JVM with {@code host.keytab}, as a plain gss-server
     * would, and returns its reply token (the AP-REP a mutual initiator needs for its second leg).
     */
    byte[] acceptAsHost(byte[] apReq) {
        try (GssCred cred = gss.acquireCred(null, Gss.LIFETIME_DEFAULT, List.of(Oid.KRB5), CredUsage.ACCEPT,
                Map.of("keytab", hostKeytab.toString()))) {
            AcceptResult result = gss.acceptSecContext(null, cred, apReq, null);
            try (SecContext ignored = result.context(); GssName source = result.srcName();
                 GssCred delegated = result.delegatedCred()) {
                if (result.continueNeeded()) {
                    throw new AssertionError("a krb5 AP-REQ needs no second accept leg");
                }
                return result.outputToken();
            }
        }
    }

    @Override
    public void close() {
        realm.close();
    }
}
