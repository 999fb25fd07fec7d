package dev.gssproxy4j.client;

import static dev.gssproxy4j.client.GoldenRecords.args;
import static dev.gssproxy4j.client.GoldenRecords.results;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Args} encodes byte for byte like the real clients: each golden call record is rebuilt from its xid and
 * its variable inputs only (tokens from the golden call, handles from the golden replies that produced them).
 */
class ArgsGoldenTest {

    private static void assertEncodesAs(String goldenCall, Procedure procedure, GssxArg built) {
        byte[] golden = GoldenRecords.read(goldenCall);
        byte[] encoded = GssProxyMessages.encodeCall(GoldenRecords.xid(golden), procedure, built,
                GssProxyMessages.MAX_RECORD);
        assertArrayEquals(golden, encoded, goldenCall);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin",
        "kernel/02-ACCEPT_SEC_CONTEXT-bob-unmapped.call.bin", "kernel/03-ACCEPT_SEC_CONTEXT-alice-nomutual.call.bin"})
    void kernelAcceptIsTheKernelsLayout(String call) {
        byte[] token = args(call, ArgAcceptSecContext.class).inputToken().toByteArray();
        assertEncodesAs(call, Procedure.ACCEPT_SEC_CONTEXT, Args.kernelAccept(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"accept/01-INDICATE_MECHS.call.bin", "init/05-INDICATE_MECHS.call.bin"})
    void indicateMechs(String call) {
        assertEncodesAs(call, Procedure.INDICATE_MECHS, Args.indicateMechs());
    }

    @Test
    void acceptorCredIsTheInterposersFirstAcquire() {
        assertEncodesAs("accept/02-ACQUIRE_CRED.call.bin", Procedure.ACQUIRE_CRED,
                Args.acquireAcceptorCred("host@localhost"));
    }

    @Test
    void reacquireWithTheInputCredIsTheInterposersSecondAcquire() {
        GssxCred cred = acceptorCred();
        GssxArg reacquire = Args.acquireCred(Optional.of(cred),
                Args.acquireAcceptorCred("host@localhost").desiredName(), Args.GSS_C_INDEFINITE,
                List.of(Oids.KRB5), CredUsage.ACCEPT);
        assertEncodesAs("accept/03-ACQUIRE_CRED.call.bin", Procedure.ACQUIRE_CRED, reacquire);
    }

    @Test
    void acceptWithTheAcquiredCred() {
        byte[] token = args("accept/04-ACCEPT_SEC_CONTEXT.call.bin", ArgAcceptSecContext.class)
                .inputToken().toByteArray();
        assertEncodesAs("accept/04-ACCEPT_SEC_CONTEXT.call.bin", Procedure.ACCEPT_SEC_CONTEXT,
                Args.accept(acceptorCred(), token));
    }

    @Test
    void localnameOfTheAcceptedSourceName() {
        ResAcceptSecContext accepted = results("accept/04-ACCEPT_SEC_CONTEXT.reply.bin",
                Procedure.ACCEPT_SEC_CONTEXT, ResAcceptSecContext.class);
        assertEncodesAs("accept/05-IMPORT_AND_CANON_NAME.call.bin", Procedure.IMPORT_AND_CANON_NAME,
                Args.localname(accepted.contextHandle().orElseThrow().srcName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"init/01-ACQUIRE_CRED.call.bin", "init/03-ACQUIRE_CRED.call.bin"})
    void initiatorCred(String call) {
        assertEncodesAs(call, Procedure.ACQUIRE_CRED, Args.acquireInitiatorCred());
    }

    @Test
    void initFirstLeg() {
        GssxCred cred = results("init/01-ACQUIRE_CRED.reply.bin", Procedure.ACQUIRE_CRED, ResAcquireCred.class)
                .outputCredHandle().orElseThrow();
        assertEncodesAs("init/02-INIT_SEC_CONTEXT.call.bin", Procedure.INIT_SEC_CONTEXT,
                Args.init(cred, Args.hostbasedService("host@localhost"),
                        Args.GSS_C_MUTUAL_FLAG | Args.GSS_C_REPLAY_FLAG));
    }

    @Test
    void initSecondLegWithThePartialContextAndTheApRep() {
        ResInitSecContext firstLeg = results("init/02-INIT_SEC_CONTEXT.reply.bin", Procedure.INIT_SEC_CONTEXT,
                ResInitSecContext.class);
        GssxCred cred = results("init/03-ACQUIRE_CRED.reply.bin", Procedure.ACQUIRE_CRED, ResAcquireCred.class)
                .outputCredHandle().orElseThrow();
        // The AP-REP came from the acceptor over the application's own connection, so only the call holds it.
        byte[] apRep = args("init/04-INIT_SEC_CONTEXT.call.bin", ArgInitSecContext.class)
                .inputToken().orElseThrow().toByteArray();
        assertEncodesAs("init/04-INIT_SEC_CONTEXT.call.bin", Procedure.INIT_SEC_CONTEXT,
                Args.initContinue(firstLeg.contextHandle().orElseThrow(), cred,
                        Args.hostbasedService("host@localhost"), Args.GSS_C_MUTUAL_FLAG | Args.GSS_C_REPLAY_FLAG,
                        apRep));
    }

    private static GssxCred acceptorCred() {
        return results("accept/02-ACQUIRE_CRED.reply.bin", Procedure.ACQUIRE_CRED, ResAcquireCred.class)
                .outputCredHandle().orElseThrow();
    }
}
