package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgStoreCred;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.protocol.proc.ResStoreCred;
import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.xdr.Opaque;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delegation end to end against MIT's KDC (Kerby does not delegate): alice's forwardable TGT delegated to
 * {@code host/localhost} comes back from ACCEPT ({@code ret_deleg_cred}) as a sealed handle that initiates to
 * {@code HTTP/localhost} as alice and that STORE_CRED writes into a ccache the caller owns, which {@code klist}
 * reads. Without a delegated TGT an acceptor credential of usage BOTH yields MIT's S4U2Proxy "evidence" credential
 * (the service ticket); INIT with it towards another target is refused by {@code allow_constrained_delegation = no}
 * with upstream's GSS_S_UNAUTHORIZED, and with {@code yes} goes to the KDC, whose db2 database stores no
 * delegation ACL and so refuses (KDC_ERR_BADOPTION); {@link S4u2ProxyTest} shows the same INIT
 * succeeding against MIT's LDAP database, which holds the ACL ({@code krbAllowedToDelegateTo}). The handles stay the
 * caller's: another uid's STORE_CRED of one is refused.
 */
class DelegationTest {

    private static final String HOST = "host@localhost";
    private static final String HTTP = "HTTP@localhost";
    private static final long FLAGS = Args.GSS_C_INTEG_FLAG | Args.GSS_C_CONF_FLAG;
    private static final String UNAUTHORIZED = "The operation is forbidden by local security policy";

    private static Realm realm;
    private static Gssproxy4jDaemon daemon;
    private static Path work;
    private static Path keytab;
    private static Path aliceCcache;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Realms.mitAvailable(), "MIT krb5kdc is not installed (Debian package krb5-kdc)");
        assumeTrue(LocalUsers.runningAsRoot(), "the other-uid caller is started with setpriv, which needs root");
        realm = Realms.mit();
        realm.addPrincipal("alice", "alice pass phrase");
        keytab = realm.keytab("services.keytab", "host/localhost", "HTTP/localhost");
        aliceCcache = realm.kinit("alice", "alice pass phrase", "alice.ccache"); // forwardable (krb5.conf)
        work = TempDirs.createTraversable("gssproxy4j-deleg-");
        daemon = Gssproxy4jDaemon.start(realm.environment(), DelegationTest::config, "--debug-level=1");
    }

    @AfterAll
    static void stop() {
        try {
            Teardown.closeAll(daemon, realm);
        } finally {
            if (work != null) {
                TempDirs.deleteTree(work);
            }
        }
    }

    private static String config(Path socket) {
        String services = "  mechs = krb5\n  euid = 0\n  allow_any_uid = yes\n  filter_flags = -DELEGATE\n"
                + "  cred_store = keytab:" + keytab + "\n";
        return """
                [service/alice]
                  socket = %1$s
                  mechs = krb5
                  euid = 0
                  filter_flags = -DELEGATE
                  cred_store = ccache:FILE:%2$s

                [service/host]
                  socket = %3$s
                %4$s
                [service/proxy]
                  socket = %5$s
                %4$s  allow_constrained_delegation = yes
                """.formatted(socket("alice", socket), aliceCcache, socket("host", socket), services,
                socket("proxy", socket));
    }

    private static Path socket(String service) {
        return socket(service, daemon.socket());
    }

    private static Path socket(String service, Path main) {
        return main.resolveSibling(service + ".sock");
    }

    @Test
    void aForwardedTgtInitiatesAsTheUserAndIsStoredIntoTheCallersCcache() throws Exception {
        GssxCred delegated = acceptFromAlice(Args.GSS_C_DELEG_FLAG, acceptorCred(HOST, CredUsage.ACCEPT))
                .delegatedCredHandle().orElseThrow(() -> new AssertionError("no delegated credential"));
        assertEquals(realm.principal("alice"), delegated.desiredName().displayText());

        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            ResInitSecContext init = GssProxyClient.requireComplete(host.initSecContext(
                    Args.init(delegated, Args.hostbasedService(HTTP), FLAGS)));
            ResAcceptSecContext accepted = GssProxyClient.requireComplete(host.acceptSecContext(Args.accept(
                    acceptorCred(HTTP, CredUsage.ACCEPT), init.outputToken().orElseThrow().toByteArray())));
            assertEquals(realm.principal("alice"),
                    accepted.contextHandle().orElseThrow().srcName().displayText(),
                    "the second service sees the original user");

            Path ccache = Files.createFile(work.resolve("stored.ccache"));
            GssProxyClient.requireComplete(host.storeCred(store(delegated, ccache.toString())));
            String klist = ChildProcess.command("klist", "-f", "-c", ccache.toString())
                    .environment(realm.environment()).run(Duration.ofSeconds(30)).requireSuccess().stdout();
            assertTrue(klist.contains("Default principal: " + realm.principal("alice")), klist);
            assertTrue(klist.contains("krbtgt/" + realm.name()), klist);
        }
    }

    @Test
    void storeCredRefusesFilesTheCallerDoesNotOwnAndLinks() throws Exception {
        GssxCred delegated = acceptFromAlice(Args.GSS_C_DELEG_FLAG, acceptorCred(HOST, CredUsage.ACCEPT))
                .delegatedCredHandle().orElseThrow();
        LocalUser other = LocalUsers.ensure(LocalUsers.CLIENT);
        Path foreign = Files.createFile(work.resolve("foreign.ccache"));
        Files.setAttribute(foreign, "unix:uid", other.uid());
        Path link = Files.createSymbolicLink(work.resolve("link.ccache"),
                Files.createFile(work.resolve("target.ccache")));
        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            GssxStatus notOwned = host.storeCred(store(delegated, foreign.toString())).status();
            assertTrue(notOwned.minorStatusString().toText()
                    .contains("owned by the caller (uid 0)"), notOwned.toString());
            GssxStatus viaLink = host.storeCred(store(delegated, "FILE:" + link)).status();
            assertTrue(viaLink.minorStatusString().toText()
                    .contains("cannot open the ccache"), viaLink.toString());
            GssxStatus relative = host.storeCred(store(delegated, "KEYRING:persistent:0")).status();
            assertTrue(relative.minorStatusString().toText()
                    .contains("only into a FILE ccache"), relative.toString());
        }
        assertEquals(0, Files.size(foreign));
        assertEquals(0, Files.size(work.resolve("target.ccache")));
    }

    @Test
    void anotherUidCannotStoreTheDelegatedCredential() throws Exception {
        GssxCred delegated = acceptFromAlice(Args.GSS_C_DELEG_FLAG, acceptorCred(HOST, CredUsage.ACCEPT))
                .delegatedCredHandle().orElseThrow();
        LocalUser other = LocalUsers.ensure(LocalUsers.CLIENT);
        Path theirs = Files.createFile(work.resolve("theirs.ccache"));
        Files.setAttribute(theirs, "unix:uid", other.uid());
        try (OtherUidCalls calls = OtherUidCalls.prepare()) {
            byte[] reply = calls.callOnce(other, socket("host"),
                    Wire.callRecord(7, Procedure.STORE_CRED, store(delegated, theirs.toString()))).orElseThrow();
            GssxStatus status = Wire.results(reply, Procedure.STORE_CRED, ResStoreCred.class).status();
            assertTrue(status.minorStatusString().toText()
                    .contains("was not issued to"), status.toString());
        }
        assertEquals(0, Files.size(theirs));
    }

    @Test
    void withoutDelegationTheAcceptorGetsNoCredentialOrOnlyEvidenceThatPolicyAndKdcDecide() {
        assertTrue(acceptFromAlice(0, acceptorCred(HOST, CredUsage.ACCEPT)).delegatedCredHandle().isEmpty(),
                "no delegation asked for, an accept-only credential: nothing delegated");

        GssxCred evidence = acceptFromAlice(0, acceptorCred(HOST, CredUsage.BOTH)).delegatedCredHandle()
                .orElseThrow(() -> new AssertionError("MIT returns the service ticket as S4U2Proxy evidence"));
        assertEquals(realm.principal("alice"), evidence.desiredName().displayText());
        try (GssProxyClient host = GssProxyClient.connect(socket("host"));
             GssProxyClient proxy = GssProxyClient.connect(socket("proxy"))) {
            GssxStatus refused = host.initSecContext(Args.init(evidence, Args.hostbasedService(HTTP), FLAGS))
                    .status();
            assertEquals(UNAUTHORIZED, refused.majorStatusString().toText(), refused.toString());
            assertTrue(refused.minorStatusString().toText()
                    .contains("allow_constrained_delegation = yes"), refused.toString());

            GssxStatus kdc = proxy.initSecContext(Args.init(evidence, Args.hostbasedService(HTTP), FLAGS))
                    .status();
            assertTrue(kdc.majorStatus() != 0, kdc.toString());
            assertTrue(kdc.minorStatusString().toText()
                    .contains("KDC can't fulfill requested option"), kdc.toString());
        }
    }

    /** alice initiates to host@localhost through her service; host accepts with {@code acceptor}. */
    private static ResAcceptSecContext acceptFromAlice(long extraFlags, GssxCred acceptor) {
        try (GssProxyClient alice = GssProxyClient.connect(socket("alice"));
             GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            GssxCred cred = GssProxyClient.requireComplete(alice.acquireCred(Args.acquireInitiatorCred()))
                    .outputCredHandle().orElseThrow();
            ResInitSecContext init = GssProxyClient.requireComplete(alice.initSecContext(
                    Args.init(cred, Args.hostbasedService(HOST), FLAGS | extraFlags)));
            return GssProxyClient.requireComplete(host.acceptSecContext(new ArgAcceptSecContext(CallCtx.EMPTY,
                    Optional.empty(), Optional.of(acceptor), init.outputToken().orElseThrow(), Optional.empty(),
                    true, List.of())));
        }
    }

    private static GssxCred acceptorCred(String service, CredUsage usage) {
        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            return GssProxyClient.requireComplete(host.acquireCred(Args.acquireCred(Optional.empty(),
                    Optional.of(Args.hostbasedService(service)), 0, List.of(Oids.KRB5), usage)))
                    .outputCredHandle().orElseThrow();
        }
    }

    private static ArgStoreCred store(GssxCred cred, String ccache) {
        return new ArgStoreCred(CallCtx.EMPTY, cred, CredUsage.INITIATE, Opaque.EMPTY, true, false,
                List.of(GssxOption.of("ccache", ccache)));
    }
}
