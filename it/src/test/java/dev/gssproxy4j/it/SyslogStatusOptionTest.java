package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.server.Daemon;
import dev.gssproxy4j.server.DaemonOptions;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.log.RateLimiter;
import dev.gssproxy4j.testkit.TempDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --syslog-status} and {@code syslog_status = yes} against a real daemon: an ACQUIRE_CRED that MIT
 * refuses (the case upstream's {@code gp_log_status} covers) puts its status in the log, and the option outlives a
 * reload whatever the file says, as upstream's does.
 */
class SyslogStatusOptionTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private DaemonLog.Restore restore;
    private Path dir;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        Posix.setenv("GSS_USE_PROXY", "NO");
        restore = DaemonLog.capture(new PrintStream(log, true, StandardCharsets.UTF_8), InstantSource.system(),
                System::nanoTime, RateLimiter.Settings.DEFAULTS);
        dir = TempDirs.createTraversable("gssproxy4j-syslog-status");
        config = dir.resolve("gssproxy.conf");
        writeConfig("");
    }

    @AfterEach
    void tearDown() {
        restore.close();
        TempDirs.deleteTree(dir);
    }

    @Test
    void theOptionLogsAFailedAcquireAsGpLogStatusDoesAndOutlivesAReload() throws Exception {
        try (Daemon daemon = start(true)) {
            assertTrue(daemon.config().syslogStatus());
            assertEquals(MajorStatus.GSS_S_NO_CRED.value(), acquireFromAbsentKeytab());
            String line = statusLine();
            assertTrue(line.contains("(OID: 1.2.840.113554.1.2.2) ") && line.contains("absent.keytab"), line);

            assertTrue(daemon.reload());
            assertTrue(daemon.config().syslogStatus(), "--syslog-status holds after SIGHUP");
        }
    }

    @Test
    void theConfigurationTurnsItOnAndNothingIsLoggedWithoutEither() throws Exception {
        try (Daemon daemon = start(false)) {
            assertFalse(daemon.config().syslogStatus());
            assertEquals(MajorStatus.GSS_S_NO_CRED.value(), acquireFromAbsentKeytab());
            assertEquals("", statusLine());

            writeConfig("  syslog_status = yes\n");
            assertTrue(daemon.reload());
            assertTrue(daemon.config().syslogStatus());
            acquireFromAbsentKeytab();
            assertTrue(statusLine().contains("(OID: 1.2.840.113554.1.2.2) "), log.toString(StandardCharsets.UTF_8));
        }
    }

    private Daemon start(boolean syslogStatus) throws Exception {
        return Daemon.start(new DaemonOptions(Optional.of(config), Optional.empty(),
                Optional.of(dir.resolve("gp.sock")), OptionalInt.empty(), syslogStatus), Handlers.all());
    }

    private void writeConfig(String global) throws Exception {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Files.writeString(config, """
                [gssproxy]
                  keyring = %1$s/keyring
                %3$s
                [service/web]
                  mechs = krb5
                  cred_store = keytab:%1$s/absent.keytab
                  euid = %2$d
                """.formatted(dir, uid, global));
    }

    private long acquireFromAbsentKeytab() {
        try (GssProxyClient client = GssProxyClient.connect(dir.resolve("gp.sock"))) {
            return client.acquireCred(new ArgAcquireCred(CallCtx.EMPTY, Optional.empty(), false, Optional.empty(), 0,
                    List.of(Oids.KRB5), CredUsage.ACCEPT, 0, 0, List.of())).status().majorStatus();
        }
    }

    /** The log's status line, or "" if there is none. */
    private String statusLine() {
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("(OID: ")).findFirst()
                .orElse("");
    }
}
