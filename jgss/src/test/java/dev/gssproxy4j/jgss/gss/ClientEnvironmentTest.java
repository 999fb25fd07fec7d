package dev.gssproxy4j.jgss.gss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.jgss.gss.FakeDaemon.Action;
import dev.gssproxy4j.jgss.gss.FakeDaemon.Answer;
import dev.gssproxy4j.jgss.gss.FakeDaemon.Call;
import dev.gssproxy4j.jgss.gss.FakeDaemon.Hangup;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ietf.jgss.GSSCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider answers GET_CALL_CONTEXT from its process's environment: the variables the daemon lists, when set,
 * go with ACQUIRE_CRED (and INIT/ACCEPT); nothing else of the environment is sent.
 */
@Timeout(30)
class ClientEnvironmentTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("KRB5CCNAME", "FILE:/tmp/krb5cc_4344",
            "KRB5_KTNAME", "/home/jane/jane.keytab", "HOME", "/home/jane");
    private static final GssxName HOST = new GssxName(Opaque.utf8("host/localhost@EXAMPLE.TEST"),
            Oids.KRB5_NT_PRINCIPAL_NAME, Opaque.EMPTY, Opaque.EMPTY, List.of(), List.of());

    @TempDir
    Path dir;

    private static Action daemon(Call call, List<GssxOption> wanted) {
        return switch (call.procedure()) {
            case GET_CALL_CONTEXT -> new Answer(new ResGetCallContext(GssxStatus.COMPLETE, Opaque.EMPTY, wanted));
            case ACQUIRE_CRED -> new Answer(new ResAcquireCred(GssxStatus.COMPLETE, Optional.of(new GssxCred(HOST,
                    List.of(new CredElement(HOST, Oids.KRB5, CredUsage.INITIATE, 3600, 0, List.of())),
                    Opaque.utf8("sealed-cred"), false)), List.of()));
            default -> new Hangup();
        };
    }

    private static List<CallCtx> acquireCallCtxs(FakeDaemon daemon) {
        return daemon.calls().stream().filter(c -> c.procedure() == Procedure.ACQUIRE_CRED)
                .map(c -> ((ArgAcquireCred) c.args()).callCtx()).toList();
    }

    private static GssProxy open(FakeDaemon daemon, Function<String, String> environment) {
        return GssProxy.open(ConnectionSettings.of(daemon.socket()), environment::apply);
    }

    @Test
    void theListedVariablesThatAreSetAreSentOnEveryAcquireAndTheDaemonIsAskedOnce() throws Exception {
        List<GssxOption> wanted = List.of(GssxOption.of(ClientEnvVar.KRB5CCNAME.optionName(), Opaque.EMPTY),
                GssxOption.of(ClientEnvVar.KRB5_CLIENT_KTNAME.optionName(), Opaque.EMPTY));
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> daemon(call, wanted));
             GssProxy proxy = open(daemon, ENVIRONMENT::get)) {
            proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);
            proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);

            assertEquals(1, daemon.count(Procedure.GET_CALL_CONTEXT));
            for (CallCtx callCtx : acquireCallCtxs(daemon)) {
                assertEquals(List.of(GssxOption.of("gssproxy4j.env.KRB5CCNAME", "FILE:/tmp/krb5cc_4344")),
                        callCtx.options(), "KRB5_KTNAME is set but not listed, KRB5_CLIENT_KTNAME listed but unset");
            }
        }
    }

    @Test
    void bothKeytabVariablesFlowWhenListedAndSet() throws Exception {
        List<GssxOption> wanted = List.of(GssxOption.of(ClientEnvVar.KRB5_KTNAME.optionName(), Opaque.EMPTY),
                GssxOption.of(ClientEnvVar.KRB5_CLIENT_KTNAME.optionName(), Opaque.EMPTY));
        Map<String, String> environment = Map.of("KRB5_KTNAME", "/home/jane/jane.keytab",
                "KRB5_CLIENT_KTNAME", "FILE:/home/jane/client.keytab", "KRB5CCNAME", "FILE:/tmp/krb5cc_4344");
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> daemon(call, wanted));
             GssProxy proxy = open(daemon, environment::get)) {
            proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);
            assertEquals(List.of(CallCtx.withOptions(List.of(
                    GssxOption.of("gssproxy4j.env.KRB5_KTNAME", "/home/jane/jane.keytab"),
                    GssxOption.of("gssproxy4j.env.KRB5_CLIENT_KTNAME", "FILE:/home/jane/client.keytab")))),
                    acquireCallCtxs(daemon), "KRB5CCNAME is set but not listed");
        }
    }

    @Test
    void aDaemonThatListsNothingLikeUpstreamGetsNothing() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> daemon(call, List.of()));
             GssProxy proxy = open(daemon, ENVIRONMENT::get)) {
            proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);
            assertEquals(List.of(CallCtx.EMPTY), acquireCallCtxs(daemon));
        }
    }

    @Test
    void turnedOffItNeverAsks() throws Exception {
        List<GssxOption> wanted = List.of(GssxOption.of(ClientEnvVar.KRB5CCNAME.optionName(), Opaque.EMPTY));
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> daemon(call, wanted));
             GssProxy proxy = GssProxy.open(ConnectionSettings.of(daemon.socket()), GssProxy.NO_ENVIRONMENT)) {
            proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);
            assertEquals(0, daemon.count(Procedure.GET_CALL_CONTEXT));
            assertEquals(List.of(CallCtx.EMPTY), acquireCallCtxs(daemon));
        }
    }

    @Test
    void aDaemonThatHangsUpOnTheQuestionStillGetsTheCall() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> call.procedure() == Procedure.GET_CALL_CONTEXT
                ? new Hangup() : daemon(call, List.of()));
             GssProxy proxy = open(daemon, ENVIRONMENT::get)) {
            proxy.acquire(null, GSSCredential.INITIATE_ONLY, 0, 0);
            assertEquals(List.of(CallCtx.EMPTY), acquireCallCtxs(daemon));
        }
    }

    @Test
    void initAndAcceptCarryTheVariablesNextToSealedOnly() throws Exception {
        CallCtx base = HeldHandle.SEALED_ONLY;
        List<GssxOption> wanted = List.of(GssxOption.of(ClientEnvVar.KRB5CCNAME.optionName(), Opaque.EMPTY));
        try (FakeDaemon daemon = FakeDaemon.start(dir, call -> daemon(call, wanted));
             GssProxy proxy = open(daemon, ENVIRONMENT::get)) {
            CallCtx sent = proxy.withEnvironment(base);
            assertEquals(Optional.of("1"), Options.valueText(sent.options(), Options.SEALED_ONLY));
            assertEquals(Optional.of("FILE:/tmp/krb5cc_4344"), Options.valueText(sent.options(),
                    ClientEnvVar.KRB5CCNAME.optionName()));
            assertTrue(sent.options().size() == 2, sent::toString);
        }
    }
}
