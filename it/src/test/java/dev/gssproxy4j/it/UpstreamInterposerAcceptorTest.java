package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Exchange;
import dev.gssproxy4j.testkit.interop.InteropPreconditions;
import dev.gssproxy4j.testkit.interop.InteropRig;
import dev.gssproxy4j.testkit.interop.InteropScenario;
import dev.gssproxy4j.testkit.interop.InteropScenarios;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.UpstreamGssproxy;
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

    private static InteropRig<UpstreamGssproxy> rig;
    private static InteropScenarios scenarios;
    private static UpstreamGssproxy daemon;

    @BeforeAll
    static void startRealmAndDaemon() {
        rig = InteropClasses.startOrSkip(InteropPreconditions.missingForUpstream(),
                (realm, prepared) -> UpstreamGssproxy.start(realm.environment(),
                        socket -> prepared.configFor(socket, InteropScenario.ACCEPT)));
        scenarios = rig.scenarios();
        daemon = rig.daemon();
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(rig);
    }

    @Test
    void serviceWithoutKeytabAcceptsAliceThroughTheDaemon() {
        Exchange exchange = scenarios.acceptorThroughProxy(daemon.socket());

        assertEquals(List.of(), scenarios.acceptorRunProblems(exchange), () -> exchange.describe()
                + "\n--- gssproxy ---\n" + daemon.logForMessages());
        assertEquals(scenarios.alice(), exchange.client().context().orElseThrow().source());

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
