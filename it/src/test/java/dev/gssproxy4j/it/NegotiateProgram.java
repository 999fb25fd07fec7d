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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;

/**
 * HTTP Negotiate (RFC 4559) with unmodified JDK parts in a child JVM: a {@code com.sun.net.httpserver} service
 * whose authenticator accepts with {@code GSSManager.getInstance()} and the JDK's SPNEGO
 * ({@code createContext((GSSCredential) null)}), answering "hello" and the client's name.
 * <ul>
 *   <li>{@code NegotiateProgram <host>}: also the client, {@code HttpURLConnection}'s built-in Negotiate to
 *       {@code http://<host>:port/}; prints the status and body, exits 1 on failure.</li>
 *   <li>{@code NegotiateProgram --serve}: prints {@code listening on <port>}, serves until one client is
 *       authenticated (e.g. {@code curl --negotiate}), then exits 0 (2 after 60 s without one).</li>
 * </ul>
 */
public final class NegotiateProgram {

    private static final CountDownLatch AUTHENTICATED = new CountDownLatch(1);

    private NegotiateProgram() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("hello " + exchange.getPrincipal().getUsername()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            AUTHENTICATED.countDown();
        }).setAuthenticator(new SpnegoAuthenticator());
        server.start();
        int port = server.getAddress().getPort();
        try {
            if (args[0].equals("--serve")) {
                System.out.println("listening on " + port);
                System.exit(AUTHENTICATED.await(60, TimeUnit.SECONDS) ? 0 : 2);
            }
            URI uri = URI.create("http://" + args[0] + ":" + port + "/");
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
