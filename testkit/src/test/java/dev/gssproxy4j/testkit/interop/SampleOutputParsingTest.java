package dev.gssproxy4j.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing of the sample programs' real output (from {@code shared/wire/accept/raw} and local runs). */
class SampleOutputParsingTest {

    private static final String CLIENT_OK = """
            Sending init_sec_context token (size=721)...continue needed...

            context flag: GSS_C_MUTUAL_FLAG
            context flag: GSS_C_REPLAY_FLAG
            context flag: GSS_C_CONF_FLAG\s
            context flag: GSS_C_INTEG_FLAG\s
            "alice@EXAMPLE.TEST" to "host/localhost@EXAMPLE.TEST", lifetime 86400, flags 136, locally initiated, open
            Name type of source name is { 1 2 840 113554 1 2 2 1 }.
            Mechanism { 1 2 840 113554 1 2 2 } supports 9 names
              0: { 1 2 840 113554 1 2 1 1 }
            Signature verified.
            Signature verified.
            """;

    private static final String SERVER_OK = """
            context flag: GSS_C_MUTUAL_FLAG
            context flag: GSS_C_REPLAY_FLAG
            localname: aliceU
            Accepted connection: "alice@EXAMPLE.TEST"
            Received message: "hello through gssproxy"
            Received message: "hello through gssproxy"
            NOOP token
            """;

    private static ChildProcess.Result result(int exit, String stdout, String stderr) {
        return new ChildProcess.Result(List.of("test"), exit, stdout, stderr);
    }

    @Test
    void clientContextLineAndSignaturesAreParsed() {
        ClientOutcome client = ClientOutcome.parse(result(0, CLIENT_OK, ""));
        EstablishedContext context = client.context().orElseThrow();
        assertEquals("alice@EXAMPLE.TEST", context.source());
        assertEquals("host/localhost@EXAMPLE.TEST", context.target());
        assertEquals(86400, context.lifetime());
        assertEquals(0x136, context.flags());
        assertTrue(context.mutual() && context.locallyInitiated() && context.open());
        assertEquals(2, client.signaturesVerified());
        assertTrue(client.verifiedAll(2));
        assertFalse(client.verifiedAll(3), "a missing MIC must count as failure");
    }

    @Test
    void clientThatFailedHasNoContext() {
        ClientOutcome client = ClientOutcome.parse(result(1, "Sending init_sec_context token (size=721)...",
                "GSS-API error initializing context: Unspecified GSS failure"));
        assertEquals(Optional.empty(), client.context());
        assertFalse(client.verifiedAll(0));
        assertTrue(client.describe().contains("GSS-API error initializing context"), client.describe());
    }

    @Test
    void nonMutualFlagsAreReported() {
        String line = "\"a@R\" to \"b/c@R\", lifetime 10, flags 134, locally initiated, open\n";
        assertFalse(EstablishedContext.parse(line).orElseThrow().mutual());
    }

    @Test
    void serverAcceptedNameLocalnameAndMessagesAreParsed() {
        ServerOutcome server = ServerOutcome.parse(result(0, SERVER_OK, "starting...\n"));
        assertEquals(Optional.of("alice@EXAMPLE.TEST"), server.acceptedClient());
        assertEquals(Optional.of("aliceU"), server.localname());
        assertEquals(List.of("hello through gssproxy", "hello through gssproxy"), server.receivedMessages());
        assertTrue(server.received("hello through gssproxy", 2));
        assertFalse(server.received("hello through gssproxy", 3));
        assertFalse(server.received("other", 2));
    }

    @Test
    void exchangeNeedsBothSides() {
        ClientOutcome client = ClientOutcome.parse(result(0, CLIENT_OK, ""));
        ServerOutcome server = ServerOutcome.parse(result(0, SERVER_OK, ""));
        assertTrue(new Exchange("hello through gssproxy", 2, client, server).succeeded());
        ServerOutcome crashed = ServerOutcome.parse(result(255, SERVER_OK, ""));
        assertFalse(new Exchange("hello through gssproxy", 2, client, crashed).succeeded());
    }

    @Test
    void messagesDropStructureDumpsAndLongHex() {
        String log = """
                [2026/11/26 15:36:15]: Connection matched service anchor-init
                    GSSX_RES_ACQUIRE_CRED( status: { 0 } output_cred_handle: [ 28ffffff8714ffffffe651 ] )
                100000003bdb506337cf9d41cfbc6e1c1000000061b4289ab80549c50db4bc84
                short cafe stays
                """;
        String safe = SafeText.forMessage(log, 10_000);
        assertTrue(safe.contains("Connection matched service anchor-init"), safe);
        assertTrue(safe.contains("short cafe stays"), safe);
        assertFalse(safe.contains("28ffffff8714"), safe);
        assertFalse(safe.contains("3bdb5063"), safe);
        assertTrue(safe.contains("[GSSX structure dump omitted"), safe);
        assertTrue(SafeText.forMessage("x".repeat(50), 10).endsWith("x".repeat(10)));
    }
}
