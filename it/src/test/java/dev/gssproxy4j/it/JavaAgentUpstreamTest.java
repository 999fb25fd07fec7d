package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.jgss.gss.ConnectionSettings;
import dev.gssproxy4j.jgss.gss.GssProxy;
import dev.gssproxy4j.jgss.gss.ProxyContext;
import dev.gssproxy4j.jgss.gss.WireOids;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.testkit.interop.UpstreamGssproxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same Java programs and the same GSS-API layer against Debian's upstream gssproxy (0.9.1), with the same
 * services ({@link JavaServices#config}). Upstream establishes contexts and runs the per-message procedures by
 * importing the context's clear export, so everything here works; the difference is where the keys are: upstream
 * has no sealed copy, so the provider must keep MIT's clear export (session keys and sequence numbers) in the JVM
 * for the next call (upstream ignores the provider's {@code gssproxy4j.sealed_only} option), where gssproxy4j never
 * sends it ({@link JgssLayerTest}).
 */
class JavaAgentUpstreamTest {

    private static ExampleRealm realm;
    private static UpstreamGssproxy upstream;
    private static AgentJvm jvm;
    private static LocalUser app;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the daemon reads root-only keytabs; the JVMs run as other users");
        app = LocalUsers.ensure(LocalUsers.SERVICE);
        realm = ExampleRealm.start();
        Path keytab = realm.realm().keytab("java-services.keytab", "host/localhost", "HTTP/localhost");
        upstream = UpstreamGssproxy.start(realm.environment(), socket -> JavaServices.config(socket, keytab,
                realm.aliceKeytab, app));
        jvm = AgentJvm.prepare(SaslGssapiProgram.class, NegotiateProgram.class, JgssProbe.class, Failures.class);
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(jvm, upstream, realm);
    }

    private static Path appSocket() {
        return upstream.socket().resolveSibling("java.sock");
    }

    @Test
    void saslGssapiWithAuthConf() {
        AgentJvm.Run run = jvm.run(app, "socket=" + appSocket(), realm.environment(), SaslGssapiProgram.class,
                "host", "localhost", "2");

        assertEquals(0, run.result().exitCode(), () -> run.describe() + "\nupstream: " + upstream.logForMessages());
        assertTrue(run.stdout().contains("authenticated " + JavaServices.ALICE), run::describe);
        assertTrue(run.stdout().contains("reply to request 2 (encrypted)"), run::describe);
    }

    @Test
    void httpNegotiate() {
        AgentJvm.Run run = jvm.run(app, "socket=" + appSocket(), realm.environment(), NegotiateProgram.class,
                "localhost");

        assertEquals(0, run.result().exitCode(), () -> run.describe() + "\nupstream: " + upstream.logForMessages());
        assertTrue(run.stdout().contains("200 hello " + JavaServices.ALICE), run::describe);
    }

    @Test
    void theLayerWorksButHoldsTheClearContext() throws GSSException {
        try (GssProxy proxy = GssProxy.open(ConnectionSettings.of(upstream.socket()))) {
            ProxyContext initiator = proxy.newInitiator(proxy.importName(ExampleRealm.HOST_SERVICE,
                    GSSName.NT_HOSTBASED_SERVICE), null, WireOids.KRB5, 0);
            ProxyContext acceptor = proxy.newAcceptor(null);
            JgssLayerTest.establish(initiator, acceptor);
            byte[] message = "per-message through upstream".getBytes(StandardCharsets.UTF_8);
            MessageProp prop = new MessageProp(0, false);
            assertEquals(new String(message, StandardCharsets.UTF_8), new String(acceptor.unwrap(
                    initiator.wrap(message, new MessageProp(0, true)), prop), StandardCharsets.UTF_8));
            assertTrue(prop.getPrivacy());

            GssxCtx held = ExportedContexts.handle(acceptor.export());
            assertTrue(held.state().isEmpty(), "upstream seals nothing");
            assertTrue(held.exportedContextToken().length() > 100, "so the clear MIT export stays in the JVM");
        }
    }
}
