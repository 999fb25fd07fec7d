package dev.gssproxy4j.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * An unmodified JDK consumer of Kerberos, run in a child JVM: the JDK's SASL {@code GSSAPI} client and server (RFC
 * 4752) in one process, mutual authentication and QOP {@code auth-conf}, then messages wrapped by one side and
 * unwrapped by the other, both ways. It uses only {@code javax.security.sasl}; where the Kerberos comes from is the
 * JVM's business (the agent's). Prints what it established; exits 1 with the exception chain on failure.
 *
 * <p>Arguments: service, host, number of messages each way.
 */
public final class SaslGssapiProgram {

    private SaslGssapiProgram() {}

    public static void main(String[] args) {
        String service = args[0];
        String host = args[1];
        int messages = Integer.parseInt(args[2]);
        try {
            Map<String, String> props = Map.of(Sasl.QOP, "auth-conf", Sasl.SERVER_AUTH, "true");
            SaslServer server = Sasl.createSaslServer("GSSAPI", service, host, props, SaslGssapiProgram::authorize);
            SaslClient client = Sasl.createSaslClient(new String[] {"GSSAPI"}, null, service, host, props, null);
            exchange(client, server);
            System.out.println("authenticated " + server.getAuthorizationID());
            System.out.println("qop " + server.getNegotiatedProperty(Sasl.QOP) + " / "
                    + client.getNegotiatedProperty(Sasl.QOP));
            for (int i = 1; i <= messages; i++) {
                byte[] request = ("request " + i).getBytes(StandardCharsets.UTF_8);
                byte[] wrapped = client.wrap(request, 0, request.length);
                byte[] received = server.unwrap(wrapped, 0, wrapped.length);
                byte[] reply = ("reply to " + new String(received, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                byte[] sealed = server.wrap(reply, 0, reply.length);
                String answer = new String(client.unwrap(sealed, 0, sealed.length), StandardCharsets.UTF_8);
                boolean hidden = indexOf(wrapped, request) < 0 && indexOf(sealed, reply) < 0;
                System.out.println(answer + (hidden ? " (encrypted)" : " (IN CLEAR)"));
            }
            client.dispose();
            server.dispose();
        } catch (SaslException | RuntimeException e) {
            System.out.println("FAILED: " + Failures.describe(e));
            System.exit(1);
        }
    }

    /** Runs the RFC 4752 exchange until both ends are complete. */
    private static void exchange(SaslClient client, SaslServer server) throws SaslException {
        byte[] toServer = client.hasInitialResponse() ? client.evaluateChallenge(new byte[0]) : new byte[0];
        for (int round = 0; round < 10; round++) {
            byte[] toClient = server.evaluateResponse(toServer);
            if (server.isComplete()) {
                if (toClient != null && !client.isComplete()) {
                    client.evaluateChallenge(toClient);
                }
                return;
            }
            toServer = client.evaluateChallenge(toClient);
        }
        throw new SaslException("the GSSAPI exchange did not complete in 10 rounds");
    }

    private static void authorize(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof AuthorizeCallback authorize) {
                authorize.setAuthorized(authorize.getAuthenticationID().equals(authorize.getAuthorizationID()));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
