package dev.gssproxy4j.it;

import static dev.gssproxy4j.it.CallerFiles.KRB5;
import static dev.gssproxy4j.it.CallerFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.jgss.gss.ConnectionSettings;
import dev.gssproxy4j.jgss.gss.GssProxy;
import dev.gssproxy4j.jgss.gss.ProxyContext;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller's own keytabs through the daemon as root: a caller of another uid initiates with
 * {@code gssproxy4j.env.KRB5_CLIENT_KTNAME} as the principal of its client keytab, and a keytab of a third uid is
 * refused; the Java layer sends both keytab variables by itself, initiating with one and accepting with the other.
 */
class CallerKeytabTest {

    private static final String CALLER_SERVICE = "callersvc@localhost";

    private static Realm realm;
    private static Gssproxy4jDaemon daemon;
    @TempDir
    static Path work;
    private static Path aliceKeytab;
    private static Path serviceKeytab;
    private static LocalUser client;
    private static LocalUser service;
    private static OtherUidCalls otherUids;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(LocalUsers.runningAsRoot(), "the other-uid caller is started with setpriv, which needs root");
        realm = Realms.kerby();
        realm.addPrincipal("alice", "alice pass phrase");
        realm.keytab("host.keytab", "host/localhost");
        aliceKeytab = realm.keytab("alice.keytab", "alice");
        serviceKeytab = realm.keytab("callersvc.keytab", "callersvc/localhost");
        client = LocalUsers.ensure(LocalUsers.CLIENT);
        service = LocalUsers.ensure(LocalUsers.SERVICE);
        daemon = Gssproxy4jDaemon.start(realm.environment(), CallerKeytabTest::config, "--debug-level=1");
        otherUids = OtherUidCalls.prepare();
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(otherUids, daemon, realm);
    }

    private static String config(Path socket) {
        return """
                [service/env]
                  socket = %1$s
                  mechs = krb5
                  euid = 0
                  allow_any_uid = yes
                  allow_client_env = KRB5_CLIENT_KTNAME KRB5_KTNAME
                """.formatted(socket.resolveSibling("env.sock"));
    }

    private static Path socket() {
        return daemon.socket().resolveSibling("env.sock");
    }

    private static Path copyOwnedBy(Path keytab, int uid, String name) throws IOException {
        return CallerFiles.ownedCopy(keytab, work, name, uid);
    }

    /** INIT_SEC_CONTEXT to host@localhost with the client keytab {@code clientKeytab}, sent as the client user. */
    private static ResInitSecContext initAsClient(String clientKeytab) {
        return CallerFiles.initAs(otherUids, client, socket(), "host@localhost", ClientEnvVar.KRB5_CLIENT_KTNAME,
                clientKeytab);
    }

    @Test
    void aCallerInitiatesWithItsOwnClientKeytab() throws Exception {
        Path own = copyOwnedBy(aliceKeytab, client.uid(), "client.keytab");
        ResInitSecContext res = initAsClient("FILE:" + own);
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
        assertEquals(realm.principal("alice"), res.contextHandle().orElseThrow().srcName().displayText());
        assertTrue(res.outputToken().isPresent());
    }

    @Test
    void aClientKeytabOfAnotherUidIsRefused() throws Exception {
        Path foreign = copyOwnedBy(aliceKeytab, service.uid(), "service-owned.keytab");
        ResInitSecContext res = initAsClient(foreign.toString());
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus(), () -> text(res.status()));
        assertEquals(13, res.status().minorStatus());
        assertTrue(text(res.status()).contains("owned by the caller (uid " + client.uid() + ")"),
                text(res.status()));
        assertTrue(res.contextHandle().isEmpty());
    }

    @Test
    void theJavaLayerSendsBothKeytabsAndAcceptsWithItsOwn() throws Exception {
        // this JVM is root: its own files are root's
        Map<String, String> environment = Map.of(
                "KRB5_CLIENT_KTNAME", "FILE:" + copyOwnedBy(aliceKeytab, 0, "root-client.keytab"),
                "KRB5_KTNAME", copyOwnedBy(serviceKeytab, 0, "root-service.keytab").toString());
        try (GssProxy initiatorSide = GssProxy.open(ConnectionSettings.of(socket()), environment::get);
             GssProxy acceptorSide = GssProxy.open(ConnectionSettings.of(socket()), environment::get)) {
            ProxyContext initiator = initiatorSide.newInitiator(initiatorSide.importName(CALLER_SERVICE,
                    GSSName.NT_HOSTBASED_SERVICE), null, KRB5, 0);
            initiator.request(ProxyContext.MUTUAL, false);
            byte[] apReq = initiator.initSecContext(null);
            assertNotNull(apReq, "a token to " + CALLER_SERVICE);
            assertEquals(realm.principal("alice"), initiator.srcName().toString());

            ProxyContext acceptor = acceptorSide.newAcceptor(null);
            acceptor.acceptSecContext(apReq);
            assertTrue(acceptor.isEstablished());
            assertEquals(realm.principal("alice"), acceptor.srcName().toString());
        }
    }
}
