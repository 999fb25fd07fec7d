package dev.gssproxy4j.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * MIT's {@code gss-client} rewritten on {@code org.ietf.jgss}, to log in to MIT's {@code gss-server}
 * ({@code krb5-gss-samples}): the sample protocol of {@code gss-misc.c} (a flags byte, a 4-byte big-endian length,
 * the token), a NOOP announcing a context, the context tokens, then each message wrapped with confidentiality and
 * the server's MIC over it verified, and a closing NOOP. Prints {@code Signature verified.} per message; exits 1
 * with the exception chain on failure.
 *
 * <p>Arguments: host, port, service ({@code service@host}), message, count.
 */
public final class GssSampleClientProgram {

    private static final int TOKEN_NOOP = 1;
    private static final int TOKEN_CONTEXT = 1 << 1;
    private static final int TOKEN_DATA = 1 << 2;
    private static final int TOKEN_MIC = 1 << 3;
    private static final int TOKEN_CONTEXT_NEXT = 1 << 4;
    private static final int TOKEN_WRAPPED = 1 << 5;
    private static final int TOKEN_ENCRYPTED = 1 << 6;
    private static final int TOKEN_SEND_MIC = 1 << 7;
    private static final int MAX_TOKEN = 1 << 20;

    private GssSampleClientProgram() {}

    public static void main(String[] args) {
        byte[] message = args[3].getBytes(StandardCharsets.UTF_8);
        int count = Integer.parseInt(args[4]);
        try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            GSSManager manager = GSSManager.getInstance();
            GSSContext context = manager.createContext(manager.createName(args[2],
                    GSSName.NT_HOSTBASED_SERVICE), new Oid("1.2.840.113554.1.2.2"), null,
                    GSSContext.DEFAULT_LIFETIME);
            context.requestMutualAuth(true);
            context.requestConf(true);
            context.requestInteg(true);

            send(out, TOKEN_NOOP | TOKEN_CONTEXT_NEXT, new byte[0]);
            byte[] input = new byte[0];
            while (true) {
                byte[] token = context.initSecContext(input, 0, input.length);
                if (token != null && token.length > 0) {
                    send(out, TOKEN_CONTEXT, token);
                }
                if (context.isEstablished()) {
                    break;
                }
                input = receive(in, TOKEN_CONTEXT);
            }
            System.out.println("context established with " + context.getTargName());
            for (int i = 0; i < count; i++) {
                MessageProp prop = new MessageProp(0, true);
                byte[] wrapped = context.wrap(message, 0, message.length, prop);
                send(out, TOKEN_DATA | TOKEN_WRAPPED | TOKEN_ENCRYPTED | TOKEN_SEND_MIC, wrapped);
                byte[] mic = receive(in, TOKEN_MIC);
                context.verifyMIC(mic, 0, mic.length, message, 0, message.length, new MessageProp(0, false));
                System.out.println("Signature verified.");
            }
            send(out, TOKEN_NOOP, new byte[0]);
            context.dispose();
        } catch (IOException | GSSException | RuntimeException e) {
            System.out.println("FAILED: " + Failures.describe(e));
            System.exit(1);
        }
    }

    private static void send(DataOutputStream out, int flags, byte[] token) throws IOException {
        out.writeByte(flags);
        out.writeInt(token.length);
        out.write(token);
        out.flush();
    }

    private static byte[] receive(DataInputStream in, int expectedFlag) throws IOException {
        int flags = in.readUnsignedByte();
        int length = in.readInt();
        if (length < 0 || length > MAX_TOKEN) {
            throw new IOException("the server announced a " + length + "-byte token");
        }
        byte[] token = new byte[length];
        in.readFully(token);
        if ((flags & expectedFlag) == 0) {
            throw new IOException("expected token flags " + expectedFlag + ", got " + flags + ": "
                    + Arrays.toString(Arrays.copyOf(token, Math.min(16, length))));
        }
        return token;
    }
}
