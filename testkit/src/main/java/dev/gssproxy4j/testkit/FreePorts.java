package dev.gssproxy4j.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Picks loopback ports for programs that bind their own sockets (MIT {@code krb5kdc}, {@code gss-server}). The
 * port is released before the program binds it, so another process can take it in between: callers retry when the
 * program reports the address in use.
 */
public final class FreePorts {

    /** 127.0.0.1, the address every realm's krb5.conf names (not ::1, whatever the JVM prefers). */
    static final InetAddress LOOPBACK = loopbackV4();

    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    /** A loopback TCP port that was free a moment ago. */
    public static int tcp() {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(LOOPBACK, 0));
            return tcp.getLocalPort();
        } catch (IOException e) {
            throw new RealmException("cannot bind any loopback TCP port: " + e.getMessage(), e);
        }
    }

    /** A loopback port that was free for both TCP and UDP a moment ago. */
    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = tcp.getLocalPort();
                if (udpFree(LOOPBACK, port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new RealmException("cannot bind any loopback TCP port: " + e.getMessage(), e);
            }
        }
        throw new RealmException("no loopback port was free for both TCP and UDP after " + ATTEMPTS + " attempts");
    }

    private static boolean udpFree(InetAddress address, int port) {
        try {
            new DatagramSocket(new InetSocketAddress(address, port)).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress loopbackV4() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }
}
