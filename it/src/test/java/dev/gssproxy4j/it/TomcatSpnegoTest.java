package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's Tomcat recipe, run: an embedded Tomcat 11 with its own {@code SpnegoAuthenticator}
 * ({@link TomcatSpnegoProgram}) in a child JVM with only {@code -javaagent:gssproxy4j-jgss.jar}, as
 * {@code gp4j-svc}, which cannot read the service keytab that its JAAS entry names ({@code useKeyTab=true
 * storeKey=true} as Tomcat documents it, plus {@code isInitiator=false}); Debian's {@code curl --negotiate} (MIT
 * GSS-API, alice's ticket cache) logs in to it. Tomcat runs that JAAS login before every accept, then creates a
 * SPNEGO acceptor credential: the JDK's SPNEGO over the provider's krb5, so the JVM loads no Kerberos mechanism,
 * reads no key and opens no keytab or ticket cache; its logout after each request loads the two credential types
 * it tests for ({@link KerberosFootprint#assertNoMechanismNoKeyNoSecretFileAfterLogout}).
 * Tomcat calls the user {@code alice}: its realm strips the Kerberos realm by default.
 */
class TomcatSpnegoTest {

    private static JavaServices services;
    private static AgentJvm jvm;
    private static Path dir;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the child JVM runs as another user (setpriv, strace)");
        services = JavaServices.start(LocalUsers.ensure(LocalUsers.SERVICE));
        // tomcat-embed-core and the annotations API it needs, as a Tomcat distribution ships them
        jvm = AgentJvm.prepare(List.of(Tomcat.class, jakarta.annotation.Resource.class), TomcatSpnegoProgram.class,
                Failures.class);
        dir = TempDirs.createTraversable("gssproxy4j-tomcat");
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(jvm, services);
        if (dir != null) {
            TempDirs.deleteTree(dir);
        }
    }

    @Test
    void curlNegotiateLogsInToTomcatsSpnegoAuthenticatorThroughTheDaemon() throws IOException {
        Path jaas = readableFile("jaas.conf", """
                com.sun.security.jgss.krb5.accept {
                    com.sun.security.auth.module.Krb5LoginModule required
                    doNotPrompt=true
                    principal="HTTP/localhost@%s"
                    useKeyTab=true
                    keyTab="%s"
                    storeKey=true
                    isInitiator=false;
                };
                """.formatted(ExampleRealm.NAME, services.servicesKeytab));
        AgentJvm.Started tomcat = jvm.start(services.app(),
                List.of("-Djava.security.krb5.conf=" + services.realm.realm().krb5Conf(),
                        "-Djava.security.auth.login.config=" + jaas),
                "socket=" + services.appSocket(), services.realm.environment(), TomcatSpnegoProgram.class);
        ChildProcess.Result curl = services.curlNegotiateAsAlice(tomcat, "alice-tomcat.ccache");
        AgentJvm.Run run = tomcat.finish();

        assertEquals("hello alice\n200", curl.stdout(), () -> curl.stderr() + "\n" + run.describe());
        assertEquals(0, run.result().exitCode(), run::describe);
        KerberosFootprint.assertNoMechanismNoKeyNoSecretFileAfterLogout(run);
    }

    private static Path readableFile(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
