package dev.gssproxy4j.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A KDC that does not answer until the test says so: a TCP listener that accepts MIT's connections and holds them.
 * MIT waits on an established TCP connection to a KDC indefinitely (no {@code request_timeout} set;
 * {@code sendto_kdc.c}: "If a TCP connection is established, we wait on it indefinitely"), so a daemon call that
 * needs this KDC stays blocked, on a resource the test controls, until {@link #release} closes its connection; the
 * call then fails (MIT's UDP retry finds no listener on the port). {@link #awaitConnection} is the positive signal
 * that a call has reached the KDC: no sleeping, no timing.
 */
final class HeldKdc implements AutoCloseable {

    private static final long WAIT_SECONDS = 20;

    private final ServerSocket listener;
    private final BlockingQueue<Socket> arrived = new LinkedBlockingQueue<>();
    private final List<Socket> all = new ArrayList<>();

    private HeldKdc(ServerSocket listener) {
        this.listener = listener;
        Thread.ofVirtual().name("held KDC").start(this::acceptLoop);
    }

    static HeldKdc start() {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            return new HeldKdc(listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the held KDC", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * The realm's environment with {@code KRB5_CONFIG} naming a copy of its krb5.conf whose KDC is this one: a
     * daemon started with it sends its KDC requests here, while the test's own go to the realm's KDC.
     */
    Map<String, String> environmentFor(ExampleRealm realm) {
        try {
            String conf = Files.readString(realm.realm().krb5Conf());
            String held = conf.replace("127.0.0.1:" + realm.realm().kdcPort(), "127.0.0.1:" + port());
            if (held.equals(conf)) {
                throw new IllegalStateException("the realm's krb5.conf names no KDC at 127.0.0.1:"
                        + realm.realm().kdcPort());
            }
            Path file = realm.realm().dir().resolve("krb5-held-kdc.conf");
            Files.writeString(file, held);
            Map<String, String> environment = new HashMap<>(realm.environment());
            environment.put("KRB5_CONFIG", file.toString());
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the held KDC's krb5.conf", e);
        }
    }

    /** Waits until a client has connected (its request is on its way) and returns that connection. */
    Socket awaitConnection() throws InterruptedException {
        Socket socket = arrived.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("no request reached the held KDC within " + WAIT_SECONDS + " s");
        }
        return socket;
    }

    /** Closes {@code connection}: the request on it fails, as if the KDC had gone away. */
    void release(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // nothing left to do
        }
        synchronized (all) {
            all.forEach(this::release);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                synchronized (all) {
                    all.add(socket);
                }
                arrived.add(socket);
            } catch (IOException e) {
                return; // closed
            }
        }
    }
}
