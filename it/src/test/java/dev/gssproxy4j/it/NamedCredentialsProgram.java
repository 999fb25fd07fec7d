package dev.gssproxy4j.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * A JDK program that names its credentials, as servers holding several identities do: for each initiator principal
 * it acquires that user's initiator credential and the service's acceptor credential by name, runs a krb5 context
 * between them in this process and sends one wrapped message. Where each credential comes from is the agent's
 * routing; the program only uses {@code org.ietf.jgss}. Prints {@code <initiator> accepted as <name>, message
 * <text>} per initiator; exits 1 with the step and the exception chain on the first failure.
 *
 * <p>Arguments: the service ({@code service@host}), then one or more initiator principals, or {@code default}
 * for the default initiator credential.
 */
public final class NamedCredentialsProgram {

    private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    /** In place of a principal: the default initiator credential, acquired by the context itself. */
    private static final String DEFAULT = "default";

    private NamedCredentialsProgram() {}

    public static void main(String[] args) {
        GSSManager manager = GSSManager.getInstance();
        String step = "accepting as " + args[0];
        try {
            GSSName service = manager.createName(args[0], GSSName.NT_HOSTBASED_SERVICE);
            GSSCredential acceptorCred = manager.createCredential(service, GSSCredential.INDEFINITE_LIFETIME, KRB5,
                    GSSCredential.ACCEPT_ONLY);
            for (String principal : Arrays.copyOfRange(args, 1, args.length)) {
                step = "initiating as " + principal;
                GSSCredential initiatorCred = principal.equals(DEFAULT) ? null : manager.createCredential(
                        manager.createName(principal, GSSName.NT_USER_NAME), GSSCredential.DEFAULT_LIFETIME, KRB5,
                        GSSCredential.INITIATE_ONLY);
                GSSContext initiator = manager.createContext(service, KRB5, initiatorCred,
                        GSSContext.DEFAULT_LIFETIME);
                initiator.requestMutualAuth(true);
                initiator.requestConf(true);
                GSSContext acceptor = manager.createContext(acceptorCred);
                byte[] token = new byte[0];
                while (!initiator.isEstablished()) {
                    token = initiator.initSecContext(token, 0, token.length);
                    if (token != null && !acceptor.isEstablished()) {
                        token = acceptor.acceptSecContext(token, 0, token.length);
                    }
                    token = token == null ? new byte[0] : token;
                }
                byte[] message = ("from " + principal).getBytes(StandardCharsets.UTF_8);
                byte[] wrapped = initiator.wrap(message, 0, message.length, new MessageProp(0, true));
                byte[] unwrapped = acceptor.unwrap(wrapped, 0, wrapped.length, new MessageProp(0, true));
                System.out.println(principal + " accepted as " + acceptor.getSrcName() + ", message "
                        + new String(unwrapped, StandardCharsets.UTF_8));
                initiator.dispose();
                acceptor.dispose();
            }
            System.exit(0);
        } catch (GSSException | RuntimeException e) {
            System.out.println("FAILED " + step + ": " + Failures.describe(e));
            System.exit(1);
        }
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }
}
