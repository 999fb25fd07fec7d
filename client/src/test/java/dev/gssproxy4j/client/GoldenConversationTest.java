package dev.gssproxy4j.client;

import static dev.gssproxy4j.client.GoldenRecords.args;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole captured conversations replayed through the client against a fake server that answers with the golden
 * replies: the client must send every golden call byte for byte (given the captured first xid) and decode every
 * golden reply into the results the capture describes ({@code shared/wire/README.md}).
 */
class GoldenConversationTest {

    private static final long MUTUAL_REPLAY = Args.GSS_C_MUTUAL_FLAG | Args.GSS_C_REPLAY_FLAG;

    @TempDir
    Path dir;

    @Test
    void interposerAsAcceptor() throws Exception {
        String a = "accept/";
        try (FakeServer server = FakeServer.start(dir, FakeServer.replaying(a + "01-INDICATE_MECHS.reply.bin",
                a + "02-ACQUIRE_CRED.reply.bin", a + "03-ACQUIRE_CRED.reply.bin",
                a + "04-ACCEPT_SEC_CONTEXT.reply.bin", a + "05-IMPORT_AND_CANON_NAME.reply.bin"));
             GssProxyClient client = GssProxyClient.connect(server.socket(),
                     ClientOptions.DEFAULTS.withFirstXid(0x62309a43))) {
            ResIndicateMechs mechs = GssProxyClient.requireComplete(client.indicateMechs());
            assertSent(server, a + "01-INDICATE_MECHS.call.bin");
            assertEquals(List.of(Oids.KRB5, Oids.IAKERB, Oids.SPNEGO),
                    mechs.mechs().stream().map(m -> m.mech()).toList());
            assertEquals(28, mechs.mechAttrDescs().size());

            ResAcquireCred acquired = GssProxyClient.requireComplete(
                    client.acquireCred(Args.acquireAcceptorCred("host@localhost")));
            assertSent(server, a + "02-ACQUIRE_CRED.call.bin");
            GssxCred cred = acquired.outputCredHandle().orElseThrow();
            assertEquals("host/localhost@EXAMPLE.TEST", cred.desiredName().displayText());
            assertEquals(211, cred.credHandleReference().length());
            assertEquals(CredUsage.ACCEPT, cred.elements().getFirst().credUsage());

            GssxName desired = Args.acquireAcceptorCred("host@localhost").desiredName().orElseThrow();
            client.acquireCred(Args.acquireCred(Optional.of(cred), Optional.of(desired), Args.GSS_C_INDEFINITE,
                    List.of(Oids.KRB5), CredUsage.ACCEPT));
            assertSent(server, a + "03-ACQUIRE_CRED.call.bin");

            byte[] apReq = args(a + "04-ACCEPT_SEC_CONTEXT.call.bin", ArgAcceptSecContext.class)
                    .inputToken().toByteArray();
            ResAcceptSecContext accepted = GssProxyClient.requireComplete(
                    client.acceptSecContext(Args.accept(cred, apReq)));
            assertSent(server, a + "04-ACCEPT_SEC_CONTEXT.call.bin");
            GssxCtx context = accepted.contextHandle().orElseThrow();
            assertEquals("alice@EXAMPLE.TEST", context.srcName().displayText());
            assertEquals(1172, context.exportedContextToken().length());
            assertTrue(context.open());
            assertEquals(156, accepted.outputToken().orElseThrow().length());

            assertEquals(Optional.of("alice"), client.localname(context.srcName()));
            assertSent(server, a + "05-IMPORT_AND_CANON_NAME.call.bin");
        }
    }

    @Test
    void interposerAsInitiatorOverTwoLegs() throws Exception {
        String i = "init/";
        try (FakeServer server = FakeServer.start(dir, FakeServer.replaying(i + "01-ACQUIRE_CRED.reply.bin",
                i + "02-INIT_SEC_CONTEXT.reply.bin", i + "03-ACQUIRE_CRED.reply.bin",
                i + "04-INIT_SEC_CONTEXT.reply.bin", i + "05-INDICATE_MECHS.reply.bin"));
             GssProxyClient client = GssProxyClient.connect(server.socket(), ClientOptions.DEFAULTS.withFirstXid(0))) {
            GssxName target = Args.hostbasedService("host@localhost");
            GssxCred cred = client.acquireCred(Args.acquireInitiatorCred()).outputCredHandle().orElseThrow();
            assertSent(server, i + "01-ACQUIRE_CRED.call.bin");
            assertEquals("alice@EXAMPLE.TEST", cred.desiredName().displayText());

            ResInitSecContext firstLeg = GssProxyClient.requireNoError(
                    client.initSecContext(Args.init(cred, target, MUTUAL_REPLAY)));
            assertSent(server, i + "02-INIT_SEC_CONTEXT.call.bin");
            assertEquals(GssStatusText.CONTINUE_NEEDED, firstLeg.status().majorStatus());
            GssProxyException notYet = assertThrows(GssProxyException.class,
                    () -> GssProxyClient.requireComplete(firstLeg));
            assertTrue(notYet.getMessage().contains("GSS_S_CONTINUE_NEEDED"), notYet.getMessage());
            assertEquals(721, firstLeg.outputToken().orElseThrow().length());
            GssxCtx partial = firstLeg.contextHandle().orElseThrow();

            GssxCred again = client.acquireCred(Args.acquireInitiatorCred()).outputCredHandle().orElseThrow();
            assertSent(server, i + "03-ACQUIRE_CRED.call.bin");
            byte[] apRep = args(i + "04-INIT_SEC_CONTEXT.call.bin", ArgInitSecContext.class)
                    .inputToken().orElseThrow().toByteArray();
            ResInitSecContext done = GssProxyClient.requireComplete(
                    client.initSecContext(Args.initContinue(partial, again, target, MUTUAL_REPLAY, apRep)));
            assertSent(server, i + "04-INIT_SEC_CONTEXT.call.bin");
            assertTrue(done.contextHandle().orElseThrow().open());
            assertEquals(Optional.empty(), done.outputToken());

            client.indicateMechs();
            assertSent(server, i + "05-INDICATE_MECHS.call.bin");
        }
    }

    @Test
    void kernelAccept() throws Exception {
        String call = "kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin";
        try (FakeServer server = FakeServer.start(dir,
                FakeServer.always("kernel/01-ACCEPT_SEC_CONTEXT-alice.reply.bin"));
             GssProxyClient client = GssProxyClient.connect(server.socket(),
                     ClientOptions.DEFAULTS.withFirstXid(GoldenRecords.xid(GoldenRecords.read(call))))) {
            byte[] token = args(call, ArgAcceptSecContext.class).inputToken().toByteArray();
            ResAcceptSecContext result = GssProxyClient.requireComplete(
                    client.acceptSecContext(Args.kernelAccept(token)));
            assertSent(server, call);
            assertEquals(52, result.contextHandle().orElseThrow().exportedContextToken().length(), "lucid v1");
            assertEquals(20, Options.value(result.options(), Options.LINUX_CREDS_V1).orElseThrow().length());
            assertEquals(Optional.empty(), result.delegatedCredHandle());
        }
    }

    private static void assertSent(FakeServer server, String goldenCall) throws InterruptedException {
        assertArrayEquals(GoldenRecords.read(goldenCall), server.nextRequest(), goldenCall);
    }
}
