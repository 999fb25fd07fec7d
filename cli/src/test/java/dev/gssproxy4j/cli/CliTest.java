package dev.gssproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as an admin uses it: exit codes and what the commands print. */
class CliTest {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * {@code shared/}, found as testkit's {@code CapturedRecords} finds it: this module may not depend on testkit
     * (the enforcer keeps test fixtures off the daemon's class path, pom.xml), so it reads the property itself.
     */
    static Path shared() {
        return Path.of(System.getProperty("gssproxy4j.sharedDir", "../../shared"));
    }

    @Test
    void versionNamesTheProtocol() {
        Run run = run("--version");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("gssproxy4j"), run.out());
        assertTrue(run.out().contains("400112"), run.out());
    }

    @Test
    void serveVersionPrintsTheVersionAsGssproxyVersionDoes() {
        Run run = run("serve", "--version");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("gssproxy4j "), run.out());
    }

    @Test
    void serveHelpListsGssproxysOptionsUnderEveryNameGssproxyTakes() {
        for (String help : new String[] {"--help", "-?", "--usage", "-h"}) {
            Run run = run("serve", help);
            assertEquals(0, run.exit(), help + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: gssproxy4j serve"), help + ": " + run.out());
            for (String option : new String[] {"--interactive", "--configdir", "--socket", "--userproxy",
                    "--debug-level", "--syslog-status", "--idle-timeout", "--version"}) {
                assertTrue(run.out().contains(option), help + " lists " + option + ": " + run.out());
            }
        }
    }

    @Test
    void serveRefusesInteractiveAndDaemonTogetherAsGssproxyDoes() {
        Run run = run("serve", "-i", "-D");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("Option -i|--interactive is not allowed together with -D|--daemon"), run.err());
    }

    @Test
    void serveExplainsAConfigurationThatDoesNotLoad(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gssproxy.conf");
        Files.writeString(config, "[service/x]\n  mechs = krb5\n  cred_store = keytab:/etc/krb5.keytab\n");
        Run run = run("serve", "-i", "-c", config.toString(), "-s", dir.resolve("gp.sock").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("euid"), run.err());
    }

    @Test
    void aRelativeSocketIsRefusedByServeAndCheckConfigAlikeInOneLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gssproxy.conf");
        Files.writeString(config, "[service/x]\n  mechs = krb5\n  euid = 0\n");
        String refusal = "-s rel/gp.sock: the socket must be an absolute path; give its full path, e.g. -s "
                + Path.of("rel/gp.sock").toAbsolutePath();
        for (String mode : new String[] {"-i", "-D"}) {
            Run serve = run("serve", mode, "-c", config.toString(), "-s", "rel/gp.sock");
            assertEquals(1, serve.exit(), serve.err());
            assertEquals("gssproxy4j: cannot start: " + refusal + "\n", serve.err(), mode);
        }
        assertFalse(Files.exists(Path.of("rel/gp.sock")), "nothing was bound");

        Run check = run("check-config", "-c", config.toString(), "-s", "rel/gp.sock");
        assertEquals(1, check.exit());
        assertEquals("gssproxy4j: " + refusal + "\n", check.err());
        Run caller = run("check-config", "-c", config.toString(), "--uid", "0", "--caller-socket", "gp.sock");
        assertEquals(1, caller.exit());
        assertTrue(caller.err().startsWith("gssproxy4j: --caller-socket gp.sock: the socket must be an absolute "
                + "path"), caller.err());
    }

    @Test
    void aRelativeServiceSocketIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gssproxy.conf");
        Files.writeString(config, "[service/x]\n  mechs = krb5\n  euid = 0\n  socket = rel/x.sock\n");
        Run check = run("check-config", "-c", config.toString());
        assertEquals(1, check.exit());
        assertTrue(check.err().contains(config + ":4 [service/x] socket: 'rel/x.sock' is not an absolute path"),
                check.err());
        Run serve = run("serve", "-i", "-c", config.toString(), "-s", dir.resolve("gp.sock").toString());
        assertEquals(1, serve.exit());
        assertTrue(serve.err().contains(config + ":4 [service/x] socket: 'rel/x.sock' is not an absolute path"),
                serve.err());
    }

    @Test
    void wireDecodeCheckReencodesEveryGoldenRecordByteForByte() {
        Run run = run("wire", "decode", "--check", shared().resolve("wire").toString());
        // The six records under errors/ that are invalid on purpose (truncated header, 401-byte credential,
        // non-last fragment, oversize mark, garbage arguments, a REPLY sent as a call) do not decode.
        assertTrue(run.out().contains("45 identical, 0 differ, 6 do not decode"), run.out());
        assertEquals(2, run.exit());
    }

    @Test
    void wireDecodePrintsFieldsButNotSecrets() {
        Path reply = shared().resolve("wire/kernel/01-ACCEPT_SEC_CONTEXT-alice.reply.bin");
        Run run = run("wire", "decode", reply.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("display_name = <18> \"alice@EXAMPLE.TEST\""), run.out());
        assertTrue(run.out().contains("exported_context_token = <52 bytes #"), run.out());
        Run secrets = run("wire", "decode", "--show-secrets", reply.toString());
        assertTrue(secrets.out().length() > run.out().length());
    }

    @Test
    void checkConfigExplainsWhichServiceACallerMatches(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gssproxy.conf");
        Files.writeString(config, """
                [service/nfs-server]
                  mechs = krb5
                  socket = /run/gssproxy.sock
                  cred_store = keytab:/etc/krb5.keytab
                  trusted = yes
                  kernel_nfsd = yes
                  euid = 0

                [service/http]
                  mechs = krb5
                  cred_store = keytab:/etc/httpd.keytab
                  euid = 48
                """);
        Run match = run("check-config", "-c", config.toString(), "--uid", "48");
        assertEquals(0, match.exit(), match.err());
        assertTrue(match.out().contains("-> service 'http'"), match.out());
        assertTrue(match.out().contains("service 'nfs-server' wants euid 0"), match.out());
        Run none = run("check-config", "-c", config.toString(), "--uid", "1000");
        assertTrue(none.out().contains("-> no service matches"), none.out());
        assertTrue(none.out().contains("service 'http' wants euid 48"), none.out());
    }
}
