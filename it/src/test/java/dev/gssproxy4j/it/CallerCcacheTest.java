package dev.gssproxy4j.it;

import static dev.gssproxy4j.it.CallerFiles.KRB5;
import static dev.gssproxy4j.it.CallerFiles.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.EnvironmentOptions;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.jgss.gss.ConnectionSettings;
import dev.gssproxy4j.jgss.gss.GssProxy;
import dev.gssproxy4j.jgss.gss.ProxyContext;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.xdr.Opaque;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original design's credential finding, through the daemon as root: a caller of another uid names its own
 * ccache with {@code gssproxy4j.env.KRB5CCNAME} and initiates as the principal in it; a ccache of a third uid is
 * refused, and so is the option on a service without {@code allow_client_env}. The Java layer asks
 * GET_CALL_CONTEXT and sends the variable by itself.
 */
class CallerCcacheTest {

    private static final String TARGET = "host@localhost";

    private static Realm realm;
    private static Gssproxy4jDaemon daemon;
    @TempDir
    static Path work;
    private static Path aliceCcache;
    private static LocalUser client;
    private static LocalUser service;
    private static OtherUidCalls otherUids;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(LocalUsers.runningAsRoot(), "the other-uid caller is started with setpriv, which needs root");
        realm = Realms.kerby();
        realm.addPrincipal("alice", "alice pass phrase");
        realm.keytab("host.keytab", "host/localhost");
        aliceCcache = realm.kinit("alice", "alice pass phrase", "alice.ccache");
        client = LocalUsers.ensure(LocalUsers.CLIENT);
        service = LocalUsers.ensure(LocalUsers.SERVICE);
        daemon = Gssproxy4jDaemon.start(realm.environment(), CallerCcacheTest::config, "--debug-level=1");
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
                  cred_usage = initiate
                  allow_client_env = KRB5CCNAME

                [service/plain]
                  socket = %2$s
                  mechs = krb5
                  euid = 0
                  allow_any_uid = yes
                  cred_usage = initiate
                """.formatted(socket.resolveSibling("env.sock"), socket.resolveSibling("plain.sock"));
    }

    private static Path socket(String name) {
        return daemon.socket().resolveSibling(name + ".sock");
    }

    /** Alice's TGT in a file of {@code uid}, mode 0600. */
    private static Path aliceCcacheOf(int uid, String name) throws IOException {
        return CallerFiles.ownedCopy(aliceCcache, work, name, uid);
    }

    /** INIT_SEC_CONTEXT to host@localhost on socket {@code socket} naming {@code ccname}, sent as the client user. */
    private static ResInitSecContext initAsClient(String socket, String ccname) {
        return CallerFiles.initAs(otherUids, client, socket(socket), TARGET, ClientEnvVar.KRB5CCNAME, ccname);
    }

    @Test
    void aCallerInitiatesFromItsOwnCcacheFile() throws Exception {
        Path own = aliceCcacheOf(client.uid(), "client.ccache");
        byte[] before = Files.readAllBytes(own);
        ResInitSecContext res = initAsClient("env", "FILE:" + own);
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
        assertEquals(realm.principal("alice"), res.contextHandle().orElseThrow().srcName().displayText());
        assertTrue(res.outputToken().isPresent());
        assertArrayEquals(before, Files.readAllBytes(own), "the caller's file is only read");
    }

    @Test
    void aCcacheOfAnotherUidIsRefused() throws Exception {
        Path foreign = aliceCcacheOf(service.uid(), "service.ccache");
        ResInitSecContext res = initAsClient("env", "FILE:" + foreign);
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus(), () -> text(res.status()));
        assertEquals(13, res.status().minorStatus());
        assertTrue(text(res.status()).contains("owned by the caller (uid " + client.uid() + ")"),
                text(res.status()));
        assertTrue(res.contextHandle().isEmpty());
    }

    @Test
    void aServiceWithoutAllowClientEnvRefusesTheOption() throws Exception {
        Path own = aliceCcacheOf(client.uid(), "client-plain.ccache");
        ResInitSecContext res = initAsClient("plain", own.toString());
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus(), () -> text(res.status()));
        assertEquals(13, res.status().minorStatus());
        assertTrue(text(res.status()).contains("allow_client_env = KRB5CCNAME in [service/plain]"),
                text(res.status()));
    }

    @Test
    void theJavaLayerAsksGetCallContextAndSendsItsKrb5ccname() throws Exception {
        try (GssProxyClient raw = GssProxyClient.connect(socket("env"))) {
            ResGetCallContext wanted = raw.getCallContext(EnvironmentOptions.QUESTION);
            assertEquals(List.of(GssxOption.of("gssproxy4j.env.KRB5CCNAME", Opaque.EMPTY)), wanted.options());
        }
        Path own = aliceCcacheOf(0, "root.ccache"); // this JVM is root: its own ccache is root's
        try (GssProxy proxy = GssProxy.open(ConnectionSettings.of(socket("env")),
                Map.of("KRB5CCNAME", "FILE:" + own)::get)) {
            ProxyContext context = initiator(proxy);
            assertNotNull(context.initSecContext(null), "a token to host@localhost");
            assertEquals(realm.principal("alice"), context.srcName().toString());
        }
        try (GssProxy proxy = GssProxy.open(ConnectionSettings.of(socket("env")), GssProxy.NO_ENVIRONMENT)) {
            GSSException e = assertThrows(GSSException.class, () -> initiator(proxy).initSecContext(null),
                    "without the variable the daemon's own (empty) default ccache is used");
            assertEquals(GSSException.NO_CRED, e.getMajor(), e::getMessage);
        }
    }

    /** One leg without mutual authentication: complete at once, with the initiator's name. */
    private static ProxyContext initiator(GssProxy proxy) throws GSSException {
        ProxyContext context = proxy.newInitiator(proxy.importName(TARGET, GSSName.NT_HOSTBASED_SERVICE), null,
                KRB5, 0);
        context.request(ProxyContext.MUTUAL, false);
        return context;
    }
}
