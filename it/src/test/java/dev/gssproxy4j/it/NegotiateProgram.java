package dev.gssproxy4j.it;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;

/**
 * HTTP Negotiate (RFC 4559) between two unmodified JDK parts in a child JVM: {@code HttpURLConnection}'s built-in
 * SPNEGO client and a {@code com.sun.net.httpserver} service whose authenticator accepts with
 * {@code GSSManager.getInstance()} and the JDK's SPNEGO ({@code createContext((GSSCredential) null)}). Prints the
 * status and the body, which names the authenticated client; exits 1 on failure.
 *
 * <p>Arguments: the host name to use in the URL (the service is {@code HTTP@<host>}).
 */
public final class NegotiateProgram {

    private NegotiateProgram() {}

    public static void main(String[] args) throws IOException {
        String host = args[0];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("hello " + exchange.getPrincipal().getUsername()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }).setAuthenticator(new SpnegoAuthenticator());
        server.start();
        try {
            URI uri = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            int status = connection.getResponseCode();
            try (InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                System.out.println(status + " " + body);
            }
            System.exit(status == 200 ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.out.println("FAILED: " + Failures.describe(e));
            System.exit(1);
        } finally {
            server.stop(0);
        }
    }

    /** One SPNEGO leg per request: 401 with a bare challenge, then accept the client's token. */
    private static final class SpnegoAuthenticator extends Authenticator {
        @Override
        public Result authenticate(HttpExchange exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Negotiate ")) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Negotiate");
                return new Retry(401);
            }
            try {
                GSSContext context = GSSManager.getInstance().createContext((GSSCredential) null);
                byte[] token = Base64.getDecoder().decode(authorization.substring("Negotiate ".length()));
                byte[] out = context.acceptSecContext(token, 0, token.length);
                if (out != null) {
                    exchange.getResponseHeaders().set("WWW-Authenticate",
                            "Negotiate " + Base64.getEncoder().encodeToString(out));
                }
                if (!context.isEstablished()) {
                    return new Retry(401);
                }
                String client = context.getSrcName().toString();
                context.dispose();
                return new Success(new HttpPrincipal(client, "negotiate"));
            } catch (GSSException e) {
                System.out.println("ACCEPT FAILED: " + Failures.describe(e));
                return new Failure(403);
            }
        }
    }
}
