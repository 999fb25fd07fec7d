package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.GssSamples;
import dev.gssproxy4j.testkit.interop.GssServer;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.SampleEnvironment;
import dev.gssproxy4j.testkit.interop.ServerOutcome;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified JDK programs with only {@code -javaagent:gssproxy4j-jgss.jar}, run as {@code gp4j-svc}, a uid that
 * can read neither the service keytab nor alice's client keytab (both root's, 0600): the JDK's SASL GSSAPI and its
 * HTTP Negotiate client and SPNEGO acceptor get their Kerberos from the daemon. The JVM loads no Kerberos
 * implementation class and opens no keytab, ticket cache or krb5.conf, although its environment points at all of
 * them ({@code KRB5_CONFIG}, {@code KRB5CCNAME}, {@code KRB5_KTNAME}): the JDK's own krb5 would have read them.
 */
class JavaAgentTest {

    private static JavaServices services;
    private static AgentJvm jvm;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the child JVMs run as other users (setpriv, strace)");
        services = JavaServices.start(LocalUsers.ensure(LocalUsers.SERVICE));
        jvm = AgentJvm.prepare(SaslGssapiProgram.class, NegotiateProgram.class, JgssProbe.class,
                GssSampleClientProgram.class, NamedCredentialsProgram.class, Failures.class);
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(jvm, services);
    }

    @Test
    void saslGssapiWithAuthConfRunsOnTheDaemon() {
        AgentJvm.Run run = jvm.run(services.app(), "socket=" + services.appSocket(), realmEnvironment(),
                SaslGssapiProgram.class, "host", "localhost", "3");

        assertEquals(0, run.result().exitCode(), run::describe);
        assertTrue(run.stdout().contains("authenticated " + JavaServices.ALICE), run::describe);
        assertTrue(run.stdout().contains("qop auth-conf / auth-conf"), run::describe);
        for (int i = 1; i <= 3; i++) {
            assertTrue(run.stdout().contains("reply to request " + i + " (encrypted)"), run::describe);
        }
        assertNoKerberosInTheJvm(run);
    }

    @Test
    void httpNegotiateFromHttpUrlConnectionToASpnegoServiceRunsOnTheDaemon() {
        AgentJvm.Run run = jvm.run(services.app(), "socket=" + services.appSocket(), realmEnvironment(),
                NegotiateProgram.class, "localhost");

        assertEquals(0, run.result().exitCode(), run::describe);
        assertTrue(run.stdout().contains("200 hello " + JavaServices.ALICE), run::describe);
        assertNoKerberosInTheJvm(run);
    }

    @Test
    void aJavaInitiatorLogsInToMitsGssServer(@TempDir Path dir) throws IOException {
        Path serverDir = Files.createDirectories(dir.resolve("gss-server"));
        SampleEnvironment keytabServer = SampleEnvironment.direct(LocalUser.ROOT, services.realm.realm().krb5Conf(),
                serverDir).withKeytab(services.servicesKeytab);
        try (GssServer server = GssSamples.startServer(keytabServer, ExampleRealm.HOST_SERVICE, dir)) {
            AgentJvm.Run run = jvm.run(services.app(), "socket=" + services.appSocket(), realmEnvironment(),
                    GssSampleClientProgram.class, "localhost", Integer.toString(server.port()),
                    ExampleRealm.HOST_SERVICE, "hello from java", "2");

            ServerOutcome served = server.await(GssSamples.TIMEOUT);
            assertEquals(0, run.result().exitCode(), () -> run.describe() + "\n" + served.describe());
            assertEquals(2, run.stdout().lines().filter("Signature verified."::equals).count(), run::describe);
            assertTrue(served.received("hello from java", 2), served::describe);
            assertEquals(JavaServices.ALICE, served.acceptedClient().orElseThrow());
            assertNoKerberosInTheJvm(run);
        }
    }

    @Test
    void curlNegotiateLogsInToAJavaSpnegoService() {
        Path aliceCcache = services.realm.realm().kinit("alice", "alicepw", "alice-curl.ccache");
        AgentJvm.Started service = jvm.start(services.app(), List.of(), "socket=" + services.appSocket(),
                realmEnvironment(), NegotiateProgram.class, "--serve");
        service.process().awaitOutput("listening on ", Duration.ofSeconds(30));
        String port = service.process().stdout().lines().filter(l -> l.startsWith("listening on "))
                .findFirst().orElseThrow().substring("listening on ".length());

        ChildProcess.Result curl = ChildProcess.command("curl", "--silent", "--show-error", "--negotiate", "-u", ":",
                        "http://localhost:" + port + "/")
                .environment(Map.of("KRB5_CONFIG", services.realm.realm().krb5Conf().toString(),
                        "KRB5CCNAME", "FILE:" + aliceCcache, "GSS_USE_PROXY", "no"))
                .run(Duration.ofSeconds(30));
        AgentJvm.Run run = service.finish();

        assertEquals("hello " + JavaServices.ALICE, curl.stdout(), () -> curl.stderr() + "\n" + run.describe());
        assertEquals(0, run.result().exitCode(), run::describe);
        assertNoKerberosInTheJvm(run);
    }

    @Test
    void aMissingSocketIsAGssExceptionNamingItAndHowToSetIt() {
        Path missing = services.daemon.dir().resolve("missing.sock");
        AgentJvm.Run run = jvm.run(services.app(), "socket=" + missing, realmEnvironment(), JgssProbe.class,
                ExampleRealm.HOST_SERVICE);

        assertTrue(run.stdout().startsWith("GSSException[major=11]"), run::describe);
        assertTrue(run.stdout().contains("cannot connect to the GSS-Proxy daemon at " + missing + " as uid "
                + services.app().uid()), run::describe);
        assertTrue(run.stdout().contains("does not exist") && run.stdout().contains("GSSPROXY_SOCKET"),
                run::describe);
    }

    @Test
    void aUidWithoutAServiceIsToldWhichUidAndSocket() {
        LocalUser stranger = LocalUsers.ensure(LocalUsers.CLIENT);
        AgentJvm.Run run = jvm.run(stranger, "", Map.of("GSSPROXY_SOCKET", services.appSocket().toString()),
                JgssProbe.class, ExampleRealm.HOST_SERVICE);

        assertTrue(run.stdout().startsWith("GSSException[major=15]"), run::describe);
        assertTrue(run.stdout().contains("uid " + stranger.uid()) && run.stdout().contains(
                services.appSocket().toString()), run::describe);
    }

    @Test
    void aBadAgentOptionStopsTheJvmWithOneLineSayingWhatIsAccepted() {
        AgentJvm.Run run = jvm.run(services.app(), "sokcet=/x", realmEnvironment(), JgssProbe.class,
                ExampleRealm.HOST_SERVICE);

        assertEquals(1, run.result().exitCode(), run::describe);
        assertTrue(run.result().stderr().startsWith("gssproxy4j: agent option 'sokcet=/x' is not one "
                + "of socket="), run::describe);
        assertEquals(1, run.result().stderr().lines().count(), run::describe); // no abort, no native frames
        assertEquals("", run.stdout(), "main never ran");
    }

    @Test
    void localFirstInitiatesWithTheUsersOwnTicketCacheWhileAcceptingThroughTheDaemon() throws IOException {
        Path bobCcache = ownedBy(services.app(), services.realm.realm().kinit("bob", "bobpw", "bob-app.ccache"));
        AgentJvm.Run run = jvm.run(services.app(), localKerberos(), "socket=" + services.appSocket()
                + ",behavior.initiate=LOCAL_FIRST,behavior.accept=REMOTE_ONLY",
                Map.of("KRB5CCNAME", "FILE:" + bobCcache), SaslGssapiProgram.class, "host", "localhost", "1");

        assertEquals(0, run.result().exitCode(), run::describe);
        assertTrue(run.stdout().contains("authenticated bob@" + ExampleRealm.NAME), run::describe);
        assertTrue(run.stdout().contains("reply to request 1 (encrypted)"), run::describe);
        assertTrue(run.loadedClasses().contains("sun.security.jgss.krb5.Krb5Context"), "bob's side ran in the JVM");
        assertTrue(run.openedFiles().contains(bobCcache.toString()), () -> "bob's ccache: " + run.openedFiles());
        assertTrue(run.openedFiles().stream().noneMatch(f -> f.endsWith(".keytab")), "accepting stayed remote");
    }

    @Test
    void remoteFirstFallsBackToTheJdksKerberosWhenTheDaemonRefusesTheUid() throws IOException {
        LocalUser stranger = LocalUsers.ensure(LocalUsers.CLIENT);
        Path bobCcache = ownedBy(stranger, services.realm.realm().kinit("bob", "bobpw", "bob-cli.ccache"));
        AgentJvm.Run run = jvm.run(stranger, localKerberos(), "socket=" + services.appSocket()
                + ",behavior=REMOTE_FIRST", Map.of("KRB5CCNAME", "FILE:" + bobCcache), JgssProbe.class,
                ExampleRealm.HOST_SERVICE);

        assertTrue(run.stdout().startsWith("OK "), run::describe);
        assertTrue(run.openedFiles().contains(bobCcache.toString()), run::describe);

        AgentJvm.Run remoteOnly = jvm.run(stranger, localKerberos(), "socket=" + services.appSocket(),
                Map.of("KRB5CCNAME", "FILE:" + bobCcache), JgssProbe.class, ExampleRealm.HOST_SERVICE);
        assertTrue(remoteOnly.stdout().startsWith("GSSException[major=15]"), remoteOnly::describe);
        assertTrue(remoteOnly.openedFiles().stream().noneMatch(f -> f.contains("bob-cli")), remoteOnly::describe);
    }

    @Test
    void aPrincipalRulePutsBobOnHisOwnTicketCacheWhileTheServiceAndTheDefaultUserStayOnTheDaemon()
            throws IOException {
        Path bobCcache = ownedBy(services.app(), services.realm.realm().kinit("bob", "bobpw", "bob-rules.ccache"));
        String bob = "bob@" + ExampleRealm.NAME;
        AgentJvm.Run run = jvm.run(services.app(), localKerberos(), "socket=" + services.appSocket()
                + ",principals.local=" + bob, Map.of("KRB5CCNAME", "FILE:" + bobCcache),
                NamedCredentialsProgram.class, JavaServices.HTTP_SERVICE, bob, "default");

        assertEquals(0, run.result().exitCode(), run::describe);
        assertTrue(run.stdout().contains(bob + " accepted as " + bob + ", message from " + bob), run::describe);
        assertTrue(run.stdout().contains("default accepted as " + JavaServices.ALICE + ", message from default"),
                run::describe);
        assertTrue(run.loadedClasses().contains("sun.security.jgss.krb5.Krb5Context"), "bob's side ran in the JVM");
        assertTrue(run.openedFiles().contains(bobCcache.toString()), () -> "bob's ccache: " + run.openedFiles());
        assertTrue(run.openedFiles().stream().noneMatch(f -> f.contains(".keytab")),
                "the named service and the default initiator (alice, the daemon's client keytab) stayed remote");

        AgentJvm.Run withoutRule = jvm.run(services.app(), localKerberos(), "socket=" + services.appSocket(),
                Map.of("KRB5CCNAME", "FILE:" + bobCcache), NamedCredentialsProgram.class, JavaServices.HTTP_SERVICE,
                bob);
        assertTrue(withoutRule.stdout().startsWith("FAILED initiating as " + bob + ": GSSException[major=13]")
                && withoutRule.stdout().contains("through gssproxy"), withoutRule::describe);
        assertTrue(withoutRule.openedFiles().stream().noneMatch(f -> f.contains("bob-rules")), withoutRule::describe);
    }

    /** What the JDK's own krb5 needs to use a ticket cache: the realm's krb5.conf and no JAAS Subject. */
    private static List<String> localKerberos() {
        return List.of("-Djava.security.krb5.conf=" + services.realm.realm().krb5Conf(),
                "-Djavax.security.auth.useSubjectCredsOnly=false");
    }

    private static Path ownedBy(LocalUser user, Path file) throws IOException {
        UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(file, users.lookupPrincipalByName(user.name()));
        return file;
    }

    /** Where the JDK's own krb5 would look: this realm's krb5.conf, ticket cache and keytab. */
    private static Map<String, String> realmEnvironment() {
        return services.realm.environment();
    }

    private static void assertNoKerberosInTheJvm(AgentJvm.Run run) {
        KerberosFootprint.assertNone(run, services.realm.realm().dir());
    }
}
