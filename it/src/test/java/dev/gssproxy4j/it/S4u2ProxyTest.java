package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Constrained delegation (S4U2Proxy) that succeeds, end to end through the daemon, against MIT's KDC on its LDAP
 * database ({@link Realms#mitLdap()}), the one MIT database that stores the ACL ({@code krbAllowedToDelegateTo}):
 * {@code host/localhost} may delegate to {@code HTTP/localhost} only. alice authenticates to {@code host/localhost}
 * without delegating a TGT; the acceptor credential of usage BOTH yields MIT's S4U2Proxy evidence credential (her
 * service ticket); INIT with it to {@code HTTP@localhost} through a service with
 * {@code allow_constrained_delegation = yes} gets a ticket from the KDC, and the acceptor for {@code HTTP/localhost}
 * sees alice. Towards {@code ldap@localhost}, not in the ACL, the KDC refuses (KDC_ERR_BADOPTION) and the daemon
 * reports MIT's status. Protocol transition (S4U2Self by {@code acquire_type=impersonate_name}, then S4U2Proxy)
 * reaches {@code HTTP/localhost} the same way. {@link DelegationTest} covers forwarded TGTs and the daemon's refusals.
 */
class S4u2ProxyTest {

    private static final String HOST = "host@localhost";
    private static final String HTTP = "HTTP@localhost";
    private static final String LDAP = "ldap@localhost";
    private static final long FLAGS = Args.GSS_C_INTEG_FLAG | Args.GSS_C_CONF_FLAG;
    /** MIT's text for KDC_ERR_BADOPTION, the KDC's answer to S4U2Proxy outside the ACL. */
    private static final String BAD_OPTION = "KDC can't fulfill requested option";

    private static Realm realm;
    private static Gssproxy4jDaemon daemon;
    private static Path keytab;
    private static Path aliceCcache;

    @BeforeAll
    static void start() {
        assumeTrue(Realms.mitAvailable() && Realms.mitLdapMissing().isEmpty(), () -> "MIT KDC on LDAP not installed"
                + " (Debian packages krb5-kdc krb5-admin-server slapd ldap-utils krb5-kdc-ldap); missing: "
                + String.join(", ", Realms.mitLdapMissing()));
        assumeTrue(LocalUsers.runningAsRoot(), "the services are configured for euid 0");
        realm = Realms.mitLdap();
        realm.addPrincipal("alice", "alice pass phrase");
        keytab = realm.keytab("services.keytab", "host/localhost", "HTTP/localhost", "ldap/localhost");
        realm.allowDelegation("host/localhost", "HTTP/localhost");
        aliceCcache = realm.kinit("alice", "alice pass phrase", "alice.ccache");
        daemon = Gssproxy4jDaemon.start(realm.environment(), S4u2ProxyTest::config, "--debug-level=1");
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(daemon, realm);
    }

    private static String config(Path socket) {
        return """
                [service/alice]
                  socket = %1$s
                  mechs = krb5
                  euid = 0
                  cred_store = ccache:FILE:%2$s

                [service/host]
                  socket = %3$s
                  mechs = krb5
                  euid = 0
                  allow_any_uid = yes
                  cred_store = keytab:%4$s
                  cred_store = client_keytab:%4$s
                  allow_constrained_delegation = yes
                  allow_protocol_transition = yes
                """.formatted(socket("alice", socket), aliceCcache, socket("host", socket), keytab);
    }

    private static Path socket(String service) {
        return socket(service, daemon.socket());
    }

    private static Path socket(String service, Path main) {
        return main.resolveSibling(service + ".sock");
    }

    @Test
    void theEvidenceOfAPlainServiceTicketInitiatesAsTheUserToAnAllowedTarget() {
        GssxCred evidence = evidenceFromAlice();
        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            ResInitSecContext init = GssProxyClient.requireComplete(
                    host.initSecContext(Args.init(evidence, Args.hostbasedService(HTTP), FLAGS)));
            assertEquals(realm.principal("alice"), acceptedBy(HTTP, init), "HTTP/localhost sees the original user");
        }
    }

    @Test
    void aTargetOutsideTheAclIsRefusedByTheKdc() {
        GssxCred evidence = evidenceFromAlice();
        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            GssxStatus refused = host.initSecContext(Args.init(evidence, Args.hostbasedService(LDAP), FLAGS))
                    .status();
            assertTrue(refused.majorStatus() != 0, refused.toString());
            assertTrue(refused.minorStatusString().toText().contains(BAD_OPTION), refused.toString());
        }
    }

    @Test
    void protocolTransitionThenDelegationReachesAnAllowedTarget() {
        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            GssxCred impersonator = GssProxyClient.requireComplete(host.acquireCred(Args.acquireCred(
                    Optional.empty(), Optional.of(Args.hostbasedService(HOST)), 0, List.of(Oids.KRB5),
                    CredUsage.BOTH))).outputCredHandle().orElseThrow();
            GssxCred alice = GssProxyClient.requireComplete(host.acquireCred(new ArgAcquireCred(CallCtx.EMPTY,
                    Optional.of(impersonator), false, Optional.of(GssxName.of("alice", Oids.NT_USER_NAME)), 0,
                    List.of(Oids.KRB5), CredUsage.INITIATE, 0, 0,
                    List.of(GssxOption.of(Options.ACQUIRE_TYPE, Options.IMPERSONATE_NAME)))))
                    .outputCredHandle().orElseThrow();
            assertEquals(realm.principal("alice"), alice.desiredName().displayText());

            ResInitSecContext init = GssProxyClient.requireComplete(
                    host.initSecContext(Args.init(alice, Args.hostbasedService(HTTP), FLAGS)));
            assertEquals(realm.principal("alice"), acceptedBy(HTTP, init));

            GssxStatus refused = host.initSecContext(Args.init(alice, Args.hostbasedService(LDAP), FLAGS)).status();
            assertTrue(refused.minorStatusString().toText().contains(BAD_OPTION), refused.toString());
        }
    }

    /** alice initiates to host@localhost without delegation; host accepts with a credential of usage BOTH. */
    private static GssxCred evidenceFromAlice() {
        try (GssProxyClient alice = GssProxyClient.connect(socket("alice"));
             GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            GssxCred cred = GssProxyClient.requireComplete(alice.acquireCred(Args.acquireInitiatorCred()))
                    .outputCredHandle().orElseThrow();
            ResInitSecContext init = GssProxyClient.requireComplete(alice.initSecContext(
                    Args.init(cred, Args.hostbasedService(HOST), FLAGS)));
            ResAcceptSecContext accepted = GssProxyClient.requireComplete(host.acceptSecContext(
                    new ArgAcceptSecContext(CallCtx.EMPTY, Optional.empty(), Optional.of(acceptorCred(HOST,
                            CredUsage.BOTH)), init.outputToken().orElseThrow(), Optional.empty(), true, List.of())));
            GssxCred evidence = accepted.delegatedCredHandle()
                    .orElseThrow(() -> new AssertionError("MIT returns the service ticket as S4U2Proxy evidence"));
            assertEquals(realm.principal("alice"), evidence.desiredName().displayText());
            return evidence;
        }
    }

    /** The source name the acceptor for {@code service} sees for {@code init}'s token. */
    private static String acceptedBy(String service, ResInitSecContext init) {
        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            ResAcceptSecContext accepted = GssProxyClient.requireComplete(host.acceptSecContext(Args.accept(
                    acceptorCred(service, CredUsage.ACCEPT), init.outputToken().orElseThrow().toByteArray())));
            return accepted.contextHandle().orElseThrow().srcName().displayText();
        }
    }

    private static GssxCred acceptorCred(String service, CredUsage usage) {
        try (GssProxyClient host = GssProxyClient.connect(socket("host"))) {
            return GssProxyClient.requireComplete(host.acquireCred(Args.acquireCred(Optional.empty(),
                    Optional.of(Args.hostbasedService(service)), 0, List.of(Oids.KRB5), usage)))
                    .outputCredHandle().orElseThrow();
        }
    }
}
