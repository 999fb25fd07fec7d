package dev.gssproxy4j.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code shared/wire/accept/} against the real upstream daemon: MIT {@code gss-server}, running as an account that
 * cannot read the service keytab, accepts alice through the unmodified interposer plugin and upstream gssproxy.
 * Proves the harness; the same {@link InteropScenarios} later run against gssproxy4j.
 */
class UpstreamInterposerAcceptorTest {

    private static Realm realm;
    private static InteropScenarios scenarios;
    private static UpstreamGssproxy daemon;

    @BeforeAll
    static void startRealmAndDaemon() {
        List<String> missing = InteropPreconditions.missingForUpstream();
        assumeTrue(missing.isEmpty(), () -> "interop prerequisites missing: " + String.join("; ", missing));
        realm = Realms.kerby();
        scenarios = InteropScenarios.prepare(realm);
        daemon = UpstreamGssproxy.start(realm.environment(),
                socket -> scenarios.configFor(socket, InteropScenario.ACCEPT));
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (scenarios != null) {
            scenarios.close();
        }
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void serviceWithoutKeytabAcceptsAliceThroughTheDaemon() {
        Exchange exchange = scenarios.acceptorThroughProxy(daemon.socket());

        assertTrue(exchange.succeeded(), () -> exchange.describe() + "\n--- gssproxy ---\n"
                + daemon.logForMessages());
        assertEquals(scenarios.alice(), exchange.server().acceptedClient().orElseThrow());
        assertEquals(List.of(InteropScenarios.MESSAGE, InteropScenarios.MESSAGE, InteropScenarios.MESSAGE),
                exchange.server().receivedMessages());
        assertEquals(InteropScenarios.MESSAGES, exchange.client().signaturesVerified());
        EstablishedContext context = exchange.client().context().orElseThrow();
        assertEquals(scenarios.alice(), context.source());
        assertEquals(scenarios.hostPrincipal(), context.target());
        assertTrue(context.mutual(), () -> "flags " + Integer.toHexString(context.flags()));
        // gss_localname went through IMPORT_AND_CANON_NAME; see ServerOutcome on why only a prefix is compared.
        assertTrue(exchange.server().localname().orElseThrow().startsWith("alice"), exchange::describe);

        String log = daemon.log();
        assertTrue(log.contains("executing 9 (GSSX_ACCEPT_SEC_CONTEXT) for service \"gp4j-accept\", euid: "
                + scenarios.serviceUser().uid()), daemon::logForMessages);
        assertTrue(daemon.isAlive(), "upstream gssproxy must survive the conversation");
    }

    @Test
    void serviceAccountCannotUseTheKeytabWithoutTheDaemon() throws Exception {
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(scenarios.hostKeytab()));
        assertEquals(0, (Integer) Files.getAttribute(scenarios.hostKeytab(), "unix:uid"));

        ChildProcess.Result denied = scenarios.acquireFromHostKeytabDirectly(scenarios.serviceUser());
        assertNotEquals(0, denied.exitCode(), denied::toString);
        assertTrue(denied.stdout().contains("GSS-API error acquiring credentials"), denied::toString);
        assertTrue(denied.stdout().contains("Permission denied"), denied::toString);

        // Control: the same call works for root, so the failure above is the file permission and nothing else.
        ChildProcess.Result root = scenarios.acquireFromHostKeytabDirectly(LocalUser.ROOT);
        assertEquals(0, root.exitCode(), root::toString);
    }
}
