package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ArgStoreCred;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.dispatch.HandlerTable;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The call's credential policy as the dispatcher builds it: opened on the first ask and kept for the call, with the
 * client environment of exactly the procedures that read it (docs/PROTOCOL.md), and ended with the call.
 */
class CallCredentialsTest {

    private static final CallCtx WITH_ENV = CallCtx.withOptions(List.of(GssxOption.of(
            ClientEnvVar.KRB5CCNAME.optionName(), "FILE:/tmp/krb5cc_1000")));
    private static final GssxCred CRED = new GssxCred(GssxName.EMPTY, List.of(), Opaque.utf8("sealed"), false);

    private static CallContext matched;

    @BeforeAll
    static void resources() {
        Posix.setenv("GSS_USE_PROXY", "NO");
        matched = ServerRealm.call(ServiceConfig.builder("no-env").euid(ServerRealm.CALLER_UID).build(),
                ServerRealm.resourcesWithoutRealm());
    }

    private static CallContext call(CallCtx clientEnvironment) {
        return new CallContext(matched.caller(), matched.service(), matched.config(), matched.connectionId(),
                matched.resources(), clientEnvironment);
    }

    @Test
    void aCallKeepsOnePolicyAndEndsItWhenClosed() {
        CallContext call = call(CallCtx.EMPTY);
        assertSame(call.credentials(), call.credentials());
        call.close();
        assertThrows(IllegalStateException.class, call::credentials);
    }

    @Test
    void anEnvironmentTheServiceDoesNotAllowIsRefusedOnlyWhenCredentialsAreAsked() {
        try (CallContext call = call(WITH_ENV)) {
            GssException refused = assertThrows(GssException.class, call::credentials);
            assertEquals(MajorStatus.GSS_S_FAILURE.value(), refused.major());
            assertEquals(Errno.EACCES.code(), refused.minor());
        }
    }

    @Test
    void onlyAcquireInitAndAcceptReadTheClientEnvironment() {
        HandlerTable table = Handlers.all();
        assertSame(WITH_ENV, table.clientEnvironment(Procedure.ACQUIRE_CRED, new ArgAcquireCred(WITH_ENV,
                Optional.empty(), false, Optional.empty(), 0, List.of(), CredUsage.INITIATE, 0, 0, List.of())));
        assertSame(WITH_ENV, table.clientEnvironment(Procedure.INIT_SEC_CONTEXT, new ArgInitSecContext(WITH_ENV,
                Optional.empty(), Optional.empty(), Optional.empty(), Oids.KRB5, 0, 0, Optional.empty(),
                Optional.empty(), List.of())));
        assertSame(WITH_ENV, table.clientEnvironment(Procedure.ACCEPT_SEC_CONTEXT, new ArgAcceptSecContext(WITH_ENV,
                Optional.empty(), Optional.empty(), Opaque.EMPTY, Optional.empty(), false, List.of())));
        assertSame(CallCtx.EMPTY, table.clientEnvironment(Procedure.STORE_CRED, new ArgStoreCred(WITH_ENV, CRED,
                CredUsage.INITIATE, Opaque.EMPTY, false, false, List.of())));
    }
}
