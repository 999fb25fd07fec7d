package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.security.SPNEGOLoginService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real server no one here wrote: Jetty 12's own SPNEGO login service ({@link JettySpnegoProgram}, configured as
 * Jetty documents it, keytab path included) in a child JVM with only {@code -javaagent:gssproxy4j-jgss.jar}, run as
 * {@code gp4j-svc}, which cannot read that keytab; Debian's {@code curl --negotiate} (MIT GSS-API, alice's ticket
 * cache) logs in to it.
 *
 * <p>Jetty's {@code SPNEGOLoginService.doStart()} always runs a JAAS login with the JDK's {@code Krb5LoginModule}
 * ({@code useKeyTab=true storeKey=true isInitiator=false}, built in code, not configurable), then calls
 * {@code GSSManager.createCredential(HTTP@host, ACCEPT_ONLY)} inside that Subject. As an acceptor that module reads
 * no key: it reads krb5.conf for the default realm and puts a principal and an unread keytab handle in the Subject;
 * the keytab would be read by the JDK's krb5 mechanism, which the agent replaced. So the JVM loads the JDK's
 * principal-name and configuration classes, but not its GSS mechanism, no key or ticket, and opens no keytab or
 * ticket cache ({@link KerberosFootprint#assertNoMechanismNoKeyNoSecretFile}). Jetty calls the user {@code alice}:
 * its {@code toUserName} drops the realm.
 */
class JettySpnegoTest {

    private static JavaServices services;
    private static AgentJvm jvm;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the child JVM runs as another user (setpriv, strace)");
        services = JavaServices.start(LocalUsers.ensure(LocalUsers.SERVICE));
        jvm = AgentJvm.prepare(List.of(Server.class, SPNEGOLoginService.class, HttpField.class, Content.class,
                Callback.class, org.slf4j.Logger.class), JettySpnegoProgram.class, Failures.class);
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(jvm, services);
    }

    @Test
    void curlNegotiateLogsInToJettysSpnegoLoginServiceThroughTheDaemon() {
        AgentJvm.Started jetty = jvm.start(services.app(),
                List.of("-Djava.security.krb5.conf=" + services.realm.realm().krb5Conf()),
                "socket=" + services.appSocket(), services.realm.environment(), JettySpnegoProgram.class,
                ExampleRealm.NAME, "localhost", services.servicesKeytab.toString());
        ChildProcess.Result curl = services.curlNegotiateAsAlice(jetty, "alice-jetty.ccache");
        AgentJvm.Run run = jetty.finish();

        assertEquals("hello alice\n200", curl.stdout(),
                () -> curl.stderr() + "\n" + run.describe());
        assertEquals(0, run.result().exitCode(), run::describe);
        KerberosFootprint.assertNoMechanismNoKeyNoSecretFile(run);
    }
}
