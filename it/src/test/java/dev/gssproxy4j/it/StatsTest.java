package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.cli.Main;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.server.Daemon;
import dev.gssproxy4j.server.DaemonOptions;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.xdr.Opaque;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gssproxy4j stats} against a real daemon after a known number of calls: the admin socket beside the main
 * socket, root only, counts every call per procedure and service and every failure by its major status.
 */
class StatsTest {

    private Path dir;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        Posix.setenv("GSS_USE_PROXY", "NO");
        dir = TempDirs.createTraversable("gssproxy4j-stats");
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Path config = dir.resolve("gssproxy.conf");
        Files.writeString(config, """
                [gssproxy]
                  keyring = %1$s/keyring

                [service/web]
                  mechs = krb5
                  cred_store = keytab:%1$s/absent.keytab
                  euid = %2$d
                """.formatted(dir, uid));
        daemon = Daemon.start(DaemonOptions.of(config, dir.resolve("gp.sock")), Handlers.all());
    }

    @AfterEach
    void stop() {
        daemon.close();
        TempDirs.deleteTree(dir);
    }

    @Test
    void countsEveryCallAndFailureSinceStart() throws Exception {
        try (GssProxyClient client = GssProxyClient.connect(dir.resolve("gp.sock"))) {
            for (int i = 0; i < 3; i++) {
                assertTrue(client.indicateMechs().status().isComplete());
            }
            // an OID that is not DER: refused before MIT sees it, twice
            for (int i = 0; i < 2; i++) {
                assertTrue(!client.importAndCanonName(new ArgImportAndCanonName(CallCtx.EMPTY,
                        GssxName.of("host@localhost", Oids.NT_HOSTBASED_SERVICE),
                        Opaque.of(new byte[] {0x2a, (byte) 0x86}), List.of(), List.of())).status().isComplete());
            }
            Run raw = stats("-s", dir.resolve("gp.sock").toString(), "--raw");
            assertEquals(0, raw.exit(), raw.err());
            assertTrue(raw.out().contains("gssproxy4j_calls_total{procedure=\"INDICATE_MECHS\",service=\"web\"} 3\n"),
                    raw.out());
            assertTrue(raw.out().contains("gssproxy4j_calls_total{procedure=\"IMPORT_AND_CANON_NAME\",service=\"web\"}"
                    + " 2\n"), raw.out());
            assertTrue(raw.out().contains("gssproxy4j_call_failures_total{procedure=\"IMPORT_AND_CANON_NAME\","
                    + "service=\"web\",major=\"GSS_S_BAD_MECH\"} 2\n"), raw.out());
            assertTrue(raw.out().contains("gssproxy4j_call_duration_microseconds_count{procedure=\"INDICATE_MECHS\","
                    + "service=\"web\"} 3\n"), raw.out());
            assertTrue(raw.out().contains("gssproxy4j_connections_open 1\n"), raw.out());

            Run table = stats("-s", dir.resolve("gp.sock").toString());
            assertEquals(0, table.exit(), table.err());
            assertTrue(table.out().matches("(?s).*INDICATE_MECHS +web +3 +0 .*"), table.out());
            assertTrue(table.out().matches("(?s).*IMPORT_AND_CANON_NAME +web +GSS_S_BAD_MECH +2\n.*"), table.out());
        }
    }

    @Test
    void theAdminSocketIsRootOnly() throws Exception {
        Path socket = daemon.statsSocket().orElseThrow();
        assertEquals(dir.resolve("gssproxy4j-stats.sock"), socket);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void aMissingDaemonIsOneLineThatSaysWhatToDo() {
        Run run = stats("-s", dir.resolve("elsewhere/gp.sock").toString());
        assertEquals(1, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("no statistics socket at " + dir.resolve("elsewhere/gssproxy4j-stats.sock")),
                run.err());
    }

    private record Run(int exit, String out, String err) {}

    private static Run stats(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "stats";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = commandLine.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }
}
