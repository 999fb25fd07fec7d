package dev.gssproxy4j.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.SpnegoAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * An embedded Tomcat 11 whose web application is protected by Tomcat's own {@link SpnegoAuthenticator}, set up as
 * Tomcat's "Windows Authentication" how-to sets it up: login method SPNEGO, a security constraint, a realm, and the
 * service's JAAS entry {@code com.sun.security.jgss.krb5.accept} in the file that
 * {@code -Djava.security.auth.login.config} names (the test writes it, with {@code isInitiator=false} as the README
 * says). Nothing in it knows about gssproxy4j; the agent on the command line makes Tomcat's {@code GSSManager}
 * the daemon's.
 *
 * <p>{@code TomcatSpnegoProgram}: prints {@code listening on <port>}, answers {@code hello <user>} to authenticated
 * requests until one has been served, then exits 0 (2 after 60 s without one, 1 if Tomcat does not start).
 */
public final class TomcatSpnegoProgram {

    private static final CountDownLatch SERVED = new CountDownLatch(1);

    private TomcatSpnegoProgram() {}

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-spnego").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "hello", new Hello());
        context.addServletMappingDecoded("/*", "hello");
        SecurityCollection everything = new SecurityCollection();
        everything.addPattern("/*");
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addCollection(everything);
        constraint.addAuthRole(SecurityConstraint.ROLE_ALL_AUTHENTICATED_USERS);
        context.addConstraint(constraint);
        context.setLoginConfig(new LoginConfig("SPNEGO", null, null, null));
        context.getPipeline().addValve(new SpnegoAuthenticator());
        context.setRealm(new AnyUserRealm());

        try {
            tomcat.start();
        } catch (Exception e) {
            System.out.println("TOMCAT DID NOT START: " + Failures.describe(e));
            System.exit(1);
        }
        System.out.println("listening on " + connector.getLocalPort());
        boolean served = SERVED.await(60, TimeUnit.SECONDS);
        tomcat.stop();
        System.exit(served ? 0 : 2);
    }

    /** The protected resource: who Tomcat says the caller is. */
    private static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print("hello " + request.getRemoteUser());
            response.flushBuffer();
            SERVED.countDown();
        }
    }

    /** A realm that knows every user the SPNEGO login names (the how-to uses a directory; roles do not matter). */
    private static final class AnyUserRealm extends RealmBase {
        @Override
        protected String getPassword(String username) {
            return null;
        }

        @Override
        protected Principal getPrincipal(String username) {
            return new GenericPrincipal(username, List.of());
        }
    }
}
