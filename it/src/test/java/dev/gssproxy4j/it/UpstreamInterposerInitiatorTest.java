package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.EstablishedContext;
import dev.gssproxy4j.testkit.interop.Exchange;
import dev.gssproxy4j.testkit.interop.InteropPreconditions;
import dev.gssproxy4j.testkit.interop.InteropRig;
import dev.gssproxy4j.testkit.interop.InteropScenario;
import dev.gssproxy4j.testkit.interop.InteropScenarios;
import dev.gssproxy4j.testkit.interop.UpstreamGssproxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code shared/wire/init/} against the real upstream daemon: MIT {@code gss-client}, running as an account with
 * no ccache and no keytab, authenticates as alice (from the daemon's client keytab) to a plain {@code gss-server},
 * with mutual authentication, through the unmodified interposer plugin and upstream gssproxy.
 */
class UpstreamInterposerInitiatorTest {

    private static InteropRig<UpstreamGssproxy> rig;
    private static InteropScenarios scenarios;
    private static UpstreamGssproxy daemon;

    @BeforeAll
    static void startRealmAndDaemon() {
        rig = InteropClasses.startOrSkip(InteropPreconditions.missingForUpstream(),
                (realm, prepared) -> UpstreamGssproxy.start(realm.environment(),
                        socket -> prepared.configFor(socket, InteropScenario.INIT)));
        scenarios = rig.scenarios();
        daemon = rig.daemon();
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(rig);
    }

    @Test
    void clientWithoutCredentialsInitiatesAsAliceThroughTheDaemon() {
        Exchange exchange = scenarios.initiatorThroughProxy(daemon.socket());

        assertTrue(exchange.succeeded(), () -> exchange.describe() + "\n--- gssproxy ---\n"
                + daemon.logForMessages());
        EstablishedContext context = exchange.client().context().orElseThrow();
        assertEquals(scenarios.alice(), context.source());
        assertEquals(scenarios.hostPrincipal(), context.target());
        assertTrue(context.mutual(), () -> "flags " + Integer.toHexString(context.flags()));
        assertTrue(context.locallyInitiated() && context.open(), context::toString);
        assertEquals(scenarios.alice(), exchange.server().acceptedClient().orElseThrow());
        assertEquals(InteropScenarios.MESSAGES, exchange.client().signaturesVerified());

        // Mutual authentication takes two INIT_SEC_CONTEXT legs (AP-REQ out, AP-REP in), as in wire/init.
        String log = daemon.log();
        String initCall = "executing 8 (GSSX_INIT_SEC_CONTEXT) for service \"gp4j-init\", euid: "
                + scenarios.clientUser().uid();
        assertEquals(2, log.lines().filter(line -> line.contains(initCall)).count(), daemon::logForMessages);
        assertTrue(daemon.isAlive(), "upstream gssproxy must survive the conversation");
    }
}
