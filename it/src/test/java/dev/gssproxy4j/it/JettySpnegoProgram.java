package dev.gssproxy4j.it;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.security.AnyUserLoginService;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.SPNEGOLoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.authentication.SPNEGOAuthenticator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 server protected by Jetty's own SPNEGO support ({@link SPNEGOAuthenticator} and
 * {@link SPNEGOLoginService}), configured as Jetty's documentation configures it: a realm, the service name and
 * host of {@code HTTP/<host>} and the service keytab's path. Nothing in it knows about gssproxy4j; the agent on the
 * command line makes the login service's {@code GSSManager} the daemon's.
 *
 * <p>{@code JettySpnegoProgram <realm> <host> <keytab>}: prints {@code listening on <port>}, answers
 * {@code hello <user>} to authenticated requests until one has been served, then exits 0 (2 after 60 s without
 * one, 1 if Jetty does not start).
 */
public final class JettySpnegoProgram {

    private static final CountDownLatch SERVED = new CountDownLatch(1);

    private JettySpnegoProgram() {}

    public static void main(String[] args) throws Exception {
        String realm = args[0];
        SPNEGOLoginService login = new SPNEGOLoginService(realm, new AnyUserLoginService(realm, null));
        login.setServiceName("HTTP");
        login.setHostName(args[1]);
        login.setKeyTabPath(Path.of(args[2]));

        SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
        security.setAuthenticator(new SPNEGOAuthenticator());
        security.setLoginService(login);
        security.put("/*", Constraint.ANY_USER);
        security.setHandler(new Hello());

        Server server = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setHandler(security);
        try {
            server.start();
        } catch (Exception e) {
            System.out.println("JETTY DID NOT START: " + Failures.describe(e));
            System.exit(1);
        }
        System.out.println("listening on " + ((NetworkConnector) server.getConnectors()[0]).getLocalPort());
        boolean served = SERVED.await(60, TimeUnit.SECONDS);
        server.stop();
        System.exit(served ? 0 : 2);
    }

    /** The protected resource: who Jetty says the caller is. */
    private static final class Hello extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String user = AuthenticationState.getUserPrincipal(request).getName();
            response.setStatus(200);
            Content.Sink.write(response, true, "hello " + user, Callback.from(callback, SERVED::countDown));
            return true;
        }
    }
}
