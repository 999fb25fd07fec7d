package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgExportCred;
import dev.gssproxy4j.protocol.proc.ArgGetCallContext;
import dev.gssproxy4j.protocol.proc.ArgImportCred;
import dev.gssproxy4j.protocol.proc.ArgReleaseHandle;
import dev.gssproxy4j.protocol.proc.ArgStoreCred;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResExportCred;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import dev.gssproxy4j.protocol.proc.ResImportCred;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.dispatch.HandlerTable;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The procedures that need no mechanism state: RELEASE_HANDLE, GET_CALL_CONTEXT and the cred stubs. */
class StatelessProceduresTest {

    private static final GssxCred CRED = new GssxCred(GssxName.EMPTY, List.of(), Opaque.utf8("sealed"), false);
    private static final GssxCtx CTX = new GssxCtx(Opaque.utf8("token"), Opaque.EMPTY, false, Opaque.EMPTY,
            GssxName.EMPTY, GssxName.EMPTY, 0, 0, true, true, List.of());

    /** A failure status as the dispatcher sends one. */
    private static final GssxStatus FAILURE = GssxStatus.of(MajorStatus.GSS_S_FAILURE.value(), Opaque.EMPTY,
            Errno.EINVAL.code(), "Unspecified GSS failure.  Minor code may provide more information", "test");

    private static CallContext call;

    @BeforeAll
    static void resources() {
        Posix.setenv("GSS_USE_PROXY", "NO");
        call = ServerRealm.call(ServiceConfig.builder("any").euid(ServerRealm.CALLER_UID).build(),
                ServerRealm.resourcesWithoutRealm());
    }

    @AfterAll
    static void stop() {
    }

    @Test
    void releasingCredentialsAndContextsSucceedsBecauseNothingIsHeld() {
        ReleaseHandle handler = new ReleaseHandle();
        assertEquals(GssxStatus.COMPLETE, handler.handle(release(new GssxHandle.Cred(CRED)), call).status());
        assertEquals(GssxStatus.COMPLETE, handler.handle(release(new GssxHandle.SecCtx(CTX)), call).status());
    }

    @Test
    void releasingAnotherHandleTypeIsCallBadStructure() throws InterruptedException {
        GssxStatus status = DispatchedCall.run(new ReleaseHandle(), release(new GssxHandle.Other(7, Opaque.EMPTY)),
                call).status();
        assertEquals(MajorStatus.GSS_S_CALL_BAD_STRUCTURE.value(), status.majorStatus());
        assertEquals("A parameter was malformed", status.majorStatusString().toText(), "the library's display text");
        assertTrue(status.majorStatusString().endsWithNul(), "display text as a C string, as upstream sends it");
        assertEquals(0, status.minorStatus());
        assertTrue(status.minorStatusString().isEmpty());
    }

    @Test
    void getCallContextIsCompleteAndEmpty() {
        ResGetCallContext result = new GetCallContext().handle(new ArgGetCallContext(CallCtx.EMPTY, List.of()), call);
        assertEquals(GssxStatus.COMPLETE, result.status());
        assertTrue(result.serverCallCtx().isEmpty());
        assertTrue(result.options().isEmpty());
    }

    @Test
    void credentialProceduresAreUnavailableWithAnExplanation() throws InterruptedException {
        ResExportCred exported = new ExportCred().handle(new ArgExportCred(CallCtx.EMPTY, CRED, CredUsage.INITIATE,
                List.of()), call);
        assertUnsupported(exported.status(), "GSSX_EXPORT_CRED");
        assertTrue(exported.exportedHandle().isEmpty());
        assertEquals(CredUsage.INITIATE, exported.usageExported());

        ResImportCred imported = DispatchedCall.run(new ImportCred(), new ArgImportCred(CallCtx.EMPTY,
                Opaque.utf8("x"), List.of()), call);
        assertUnsupported(imported.status(), "GSSX_IMPORT_CRED");
        assertTrue(imported.outputCredHandle().isEmpty());
    }

    @Test
    void storeCredNeedsAnInitiatorUsageAndACcacheOption() {
        dev.gssproxy4j.mech.GssException noCcache = org.junit.jupiter.api.Assertions.assertThrows(
                dev.gssproxy4j.mech.GssException.class, () -> new StoreCred().handle(new ArgStoreCred(
                        CallCtx.EMPTY, CRED, CredUsage.BOTH, Opaque.EMPTY, false, false, List.of()), call));
        assertTrue(noCcache.status().minorMessage().contains("option ccache = FILE:/path"), noCcache.getMessage());
        dev.gssproxy4j.mech.GssException acceptOnly = org.junit.jupiter.api.Assertions.assertThrows(
                dev.gssproxy4j.mech.GssException.class, () -> new StoreCred().handle(new ArgStoreCred(
                        CallCtx.EMPTY, CRED, CredUsage.ACCEPT, Opaque.EMPTY, false, false, List.of()), call));
        assertTrue(acceptOnly.status().minorMessage().contains("cred_usage INITIATE"), acceptOnly.getMessage());
        assertEquals(CredUsage.BOTH, new StoreCred().failure(FAILURE).credUsageStored());
    }

    @Test
    void theTableServesEveryProcedureAndEveryFailureResultEncodes() {
        HandlerTable table = Handlers.all();
        GssxStatus status = FAILURE;
        for (Procedure procedure : Procedure.values()) {
            byte[] reply = GssProxyMessages.encodeReply(1, procedure, table.failure(procedure, status),
                    GssProxyMessages.MAX_RECORD);
            GssxRes decoded = GssProxyMessages.decodeReply(procedure, Arrays.copyOfRange(reply, 4, reply.length))
                    .result().orElseThrow();
            assertEquals(status, decoded.status(), procedure.name());
        }
    }

    private static void assertUnsupported(GssxStatus status, String procedure) {
        assertEquals(MajorStatus.GSS_S_UNAVAILABLE.value(), status.majorStatus());
        assertEquals(Errno.EOPNOTSUPP.code(), status.minorStatus());
        String text = status.minorStatusString().toText();
        assertTrue(text.startsWith(procedure + " is not supported by gssproxy4j (nor upstream gssproxy)"), text);
        assertTrue(status.majorStatusString().length() > 1);
    }

    private static ArgReleaseHandle release(GssxHandle handle) {
        return new ArgReleaseHandle(CallCtx.EMPTY, handle);
    }
}
