package dev.gssproxy4j.server.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.Defaults;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.log.RateLimiter;
import dev.gssproxy4j.server.transport.Transport;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code syslog_status = yes} (or {@code --syslog-status}): a failed call's GSS status in the log, as upstream's. */
class SyslogStatusTest {

    private static final int UID = 1000;
    private static final Path MAIN = Defaults.MAIN_SOCKET;
    /** A context handle without the daemon's sealed copy: every per-message call refuses it, without MIT. */
    private static final GssxCtx WITHOUT_STATE = new GssxCtx(Opaque.utf8("token"), Opaque.EMPTY, false, Oids.KRB5,
            GssxName.EMPTY, GssxName.EMPTY, 0, 0, true, true, List.of());

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private DaemonLog.Restore restore;

    @BeforeEach
    void captureLog() {
        restore = DaemonLog.capture(new PrintStream(log, true, StandardCharsets.UTF_8),
                InstantSource.fixed(Instant.parse("2026-12-02T13:04:05Z")), () -> 0L, RateLimiter.Settings.DEFAULTS);
    }

    @AfterEach
    void restoreLog() {
        restore.close();
    }

    @Test
    void aFailedCallLogsItsStatusInUpstreamsFormat() {
        GssxStatus status = unwrapWithoutState(dispatcher(true), 7);

        assertEquals(MajorStatus.GSS_S_NO_CONTEXT.value(), status.majorStatus());
        assertEquals(List.of("[CID 7][2026/12/02 13:04:05]: " + RpcDispatcher.statusLine(status)), logLines());
        assertTrue(logLines().getFirst().contains(status.majorStatusString().toText() + ", "
                + status.minorStatusString().toText()), logLines().getFirst());
    }

    @Test
    void offByDefaultAsUpstreamHasIt() {
        unwrapWithoutState(dispatcher(false), 7);

        assertEquals(List.of(), logLines());
    }

    @Test
    void aCallerThatFailsAgainAndAgainIsLimitedLikeEveryOtherErrorItCanRepeat() {
        RpcDispatcher dispatcher = dispatcher(true);
        for (int i = 0; i < 100; i++) {
            unwrapWithoutState(dispatcher, i);
        }
        assertEquals(10, logLines().size(), () -> String.join("\n", logLines()));
    }

    @Test
    void theLineIsMechanismMajorTextAndMinorTextAsGpLogStatusPrintsThem() {
        GssxStatus failure = GssxStatus.of(MajorStatus.GSS_S_FAILURE.value(), Oids.KRB5, 2,
                "Unspecified GSS failure.  Minor code may provide more information",
                "Keytab FILE:/etc/x.keytab is nonexistent or empty");
        assertEquals("(OID: 1.2.840.113554.1.2.2) Unspecified GSS failure.  Minor code may provide more information, "
                + "Keytab FILE:/etc/x.keytab is nonexistent or empty", RpcDispatcher.statusLine(failure));

        GssxStatus noMech = GssxStatus.of(MajorStatus.GSS_S_BAD_MECH.value(), Opaque.EMPTY, 0, "", "");
        assertEquals(MajorStatus.describe(MajorStatus.GSS_S_BAD_MECH.value()) + ", ",
                RpcDispatcher.statusLine(noMech));

        GssxStatus notAnOid = GssxStatus.of(MajorStatus.GSS_S_BAD_MECH.value(), Opaque.of(new byte[] {(byte) 0x80}),
                0, "An unsupported mechanism was requested", "");
        assertEquals("(OID: not an OID) An unsupported mechanism was requested, ", RpcDispatcher.statusLine(notAnOid));
    }

    private static RpcDispatcher dispatcher(boolean syslogStatus) {
        GssProxyConfig config = new GssProxyConfig(0, syslogStatus, Optional.empty(), 5, Defaults.KEYRING, MAIN,
                List.of(ServiceConfig.builder("any").euid(UID).mech(Mech.KRB5).build()), List.of(), List.of());
        return new RpcDispatcher(() -> Policy.of(config), Handlers.all(), ServerRealm.resourcesWithoutRealm(),
                XdrLimits.DEFAULT, GssProxyMessages.MAX_RECORD);
    }

    private static GssxStatus unwrapWithoutState(RpcDispatcher dispatcher, long connection) {
        byte[] record = GssProxyMessages.encodeCall(9, Procedure.UNWRAP, new ArgUnwrap(CallCtx.EMPTY, WITHOUT_STATE,
                List.of(Opaque.utf8("not a token")), 0), GssProxyMessages.MAX_RECORD);
        Transport.Origin origin = new Transport.Origin(Caller.of(UID, UID, 4242, Path.of("/usr/bin/app"), null,
                MAIN), connection);
        byte[] reply = ((Transport.Reply) dispatcher.handle(Arrays.copyOfRange(record, 4, record.length), origin))
                .record();
        return ((ResUnwrap) GssProxyMessages.decodeReply(Procedure.UNWRAP, Arrays.copyOfRange(reply, 4,
                reply.length)).result().orElseThrow()).status();
    }

    private List<String> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
