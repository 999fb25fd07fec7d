package dev.gssproxy4j.server.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgIndicateMechs;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.Defaults;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.log.RateLimiter;
import dev.gssproxy4j.server.transport.Transport;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller that matches no service, through the dispatcher without a socket (STYLE rule 8): what it is told, and
 * what the admin's log gets when it repeats itself.
 */
class UnauthorizedCallerTest {

    private static final Path MAIN = Defaults.MAIN_SOCKET;
    private static final Path HTTPD = Path.of("/usr/sbin/httpd");

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private DaemonLog.Restore restore;

    private final GssProxyConfig config = new GssProxyConfig(0, false, Optional.empty(), 5, Defaults.KEYRING, MAIN,
            List.of(ServiceConfig.builder("nfs-server").euid(0).mech(Mech.KRB5).socket(Defaults.KERNEL_SOCKET)
                            .build(),
                    ServiceConfig.builder("HTTP").euid(48).mech(Mech.KRB5).program(HTTPD).build()),
            List.of(), List.of());
    private final RpcDispatcher dispatcher = new RpcDispatcher(() -> Policy.of(config),
            Handlers.all(), null,
            XdrLimits.DEFAULT, GssProxyMessages.MAX_RECORD);

    @BeforeEach
    void captureLog() {
        restore = DaemonLog.capture(new PrintStream(log, true, StandardCharsets.UTF_8),
                InstantSource.fixed(Instant.parse("2026-12-02T13:04:05Z")), nanos::get,
                RateLimiter.Settings.DEFAULTS);
    }

    @AfterEach
    void restoreLog() {
        restore.close();
    }

    private ResIndicateMechs call(int uid, Path program, Path socket, long connection) {
        byte[] record = GssProxyMessages.encodeCall(9, Procedure.INDICATE_MECHS, new ArgIndicateMechs(CallCtx.EMPTY),
                GssProxyMessages.MAX_RECORD);
        Transport.Origin origin = new Transport.Origin(Caller.of(uid, uid, 4242, program, null, socket), connection);
        Transport.Outcome outcome = dispatcher.handle(Arrays.copyOfRange(record, 4, record.length), origin);
        // answered once, then the connection is closed (main's transport; upstream closes without an answer)
        byte[] reply = ((Transport.ReplyAndClose) outcome).record();
        return (ResIndicateMechs) GssProxyMessages.decodeReply(Procedure.INDICATE_MECHS,
                Arrays.copyOfRange(reply, 4, reply.length)).result().orElseThrow();
    }

    private List<String> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aRepeatingCallerIsAnsweredEveryTimeButLoggedTenTimesThenSummarised() {
        for (int i = 0; i < 1000; i++) {
            assertEquals(MajorStatus.GSS_S_UNAUTHORIZED.value(),
                    call(1000, Path.of("/usr/bin/foo"), MAIN, i).status().majorStatus());
        }
        assertEquals(10, logLines().size(), () -> String.join("\n", logLines()));
        call(1001, Path.of("/usr/bin/foo"), MAIN, 1);
        assertEquals(11, logLines().size(), "another uid is still logged");

        nanos.set(10_000_000_000L);
        call(1000, Path.of("/usr/bin/foo"), MAIN, 2000);
        List<String> lines = logLines();
        assertEquals("[2026/12/02 13:04:05]: suppressed 990 similar messages from uid 1000 (No matching service "
                + "found)", lines.get(11));
        assertTrue(lines.get(12).startsWith("[CID 2000][2026/12/02 13:04:05]: No matching service found on socket "
                + MAIN + ": uid 1000"), lines.get(12));
    }

    @Test
    void theRefusalNamesTheCallerAndNotTheServicesWhileTheLogExplainsEverything() {
        String told = call(1000, Path.of("/usr/bin/foo"), MAIN, 1).status().minorStatusString().toText();

        assertEquals("gssproxy4j: no service accepts uid 1000 (program /usr/bin/foo) on socket " + MAIN + "; an "
                + "administrator can add or fix a [service/...] section in gssproxy.conf (gssproxy4j check-config "
                + "--uid 1000 --program /usr/bin/foo --caller-socket " + MAIN + " says why)", told);
        for (String secret : List.of("nfs-server", "HTTP", HTTPD.toString(), "euid", "48", Defaults.KERNEL_SOCKET
                .toString())) {
            assertFalse(told.contains(secret), () -> "the caller is told about other services (" + secret + "): "
                    + told);
        }
        String line = logLines().getFirst();
        assertTrue(line.contains("service 'nfs-server' wants euid 0 and wants socket " + Defaults.KERNEL_SOCKET)
                && line.contains("service 'HTTP' wants euid 48 and wants program " + HTTPD), line);
    }

    @Test
    void aKernelThreadIsToldItHasNoProgram() {
        String told = call(0, null, Path.of("/run/other.sock"), 1).status().minorStatusString().toText();
        assertTrue(told.startsWith("gssproxy4j: no service accepts uid 0 (no program: kernel thread) on socket "
                + "/run/other.sock;"), told);
        assertTrue(told.contains("check-config --uid 0 --caller-socket /run/other.sock says why"), told);
    }

    @Test
    void aProgramPathWithANewlineCannotForgeALogLine() {
        call(1000, Path.of("/tmp/x\n[2026/12/02 13:04:05]: New config loaded successfully."), MAIN, 1);
        List<String> lines = logLines();
        assertEquals(1, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.getFirst().contains("(program /tmp/x\\x0a[2026/12/02 13:04:05]: New config loaded"),
                lines.getFirst());
    }
}
