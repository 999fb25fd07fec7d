package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.EstablishedContext;
import dev.gssproxy4j.testkit.interop.Exchange;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.InteropPreconditions;
import dev.gssproxy4j.testkit.interop.InteropRig;
import dev.gssproxy4j.testkit.interop.InteropScenario;
import dev.gssproxy4j.testkit.interop.InteropScenarios;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The unmodified MIT interposer plugin ({@code proxymech.so} from Debian's gssproxy package) with MIT's
 * {@code gss-server} and {@code gss-client}, against gssproxy4j: the scenarios of {@code shared/wire/accept} and
 * {@code shared/wire/init}, the same ones the testkit proves against upstream gssproxy.
 */
class InterposerTest {

    private static InteropRig<Gssproxy4jDaemon> rig;
    private static InteropScenarios scenarios;
    private static Gssproxy4jDaemon daemon;

    @BeforeAll
    static void start() {
        rig = InteropClasses.startOrSkip(InteropPreconditions.missingForSamples(),
                (realm, prepared) -> Gssproxy4jDaemon.start(realm.environment(),
                        socket -> prepared.configFor(socket, InteropScenario.ACCEPT, InteropScenario.INIT)));
        scenarios = rig.scenarios();
        daemon = rig.daemon();
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(rig);
    }

    @Test
    void serviceThatCannotReadItsKeytabAcceptsThroughGssproxy4j() {
        Exchange exchange = scenarios.acceptorThroughProxy(daemon.socket());

        assertEquals(List.of(), scenarios.acceptorRunProblems(exchange), () -> exchange.describe()
                + "\n--- gssproxy4j ---\n" + daemon.log());
        assertTrue(daemon.isAlive());
    }

    @Test
    void clientWithoutCredentialsInitiatesThroughGssproxy4jInTwoLegs() {
        Exchange exchange = scenarios.initiatorThroughProxy(daemon.socket());

        assertTrue(exchange.succeeded(), () -> exchange.describe() + "\n--- gssproxy4j ---\n" + daemon.log());
        EstablishedContext context = exchange.client().context().orElseThrow();
        assertEquals(scenarios.alice(), context.source());
        assertEquals(scenarios.hostPrincipal(), context.target());
        assertTrue(context.mutual(), "mutual authentication makes the init take two legs");
        assertEquals(InteropScenarios.MESSAGES, exchange.client().signaturesVerified());
    }
}
