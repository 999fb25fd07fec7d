package dev.gssproxy4j.testkit;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.KdcHandler;

/**
 * Serves Kerby's KDC engine ({@link KdcHandler}) on one loopback port over TCP and UDP (RFC 4120 section 7.2).
 *
 * <p>Kerby's own {@code KdcNetwork} is not used: it polls TCP accept with a 100 ms timeout before each UDP receive
 * (so UDP answers can lag by 100 ms), runs on a non-daemon thread, and binds a port chosen beforehand, which races
 * with other processes. Here the TCP socket binds port 0, the UDP socket binds the same number (retrying with a new
 * port if UDP is taken), accepts and receives block, and every request runs on its own virtual thread.
 */
final class KerbyTransport implements AutoCloseable {

    /** AS and TGS requests are a few KiB; refuse a length prefix above this rather than allocate it. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int BIND_ATTEMPTS = 20;

    private final KdcHandler handler;
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final AtomicLong requests = new AtomicLong();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    private KerbyTransport(KdcHandler handler, ServerSocket tcp, DatagramSocket udp) {
        this.handler = handler;
        this.tcp = tcp;
        this.udp = udp;
    }

    /** Binds a free loopback port for both TCP and UDP and starts serving {@code handler} on it. */
    static KerbyTransport start(KdcHandler handler) {
        InetAddress loopback = FreePorts.LOOPBACK;
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            ServerSocket tcp = null;
            try {
                tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(loopback, 0), 64);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
                KerbyTransport transport = new KerbyTransport(handler, tcp, udp);
                transport.startLoops();
                return transport;
            } catch (IOException e) {
                last = e;
                closeQuietly(tcp);
            }
        }
        throw new RealmException("no loopback port was free for both TCP and UDP after " + BIND_ATTEMPTS
                + " attempts: " + last, last);
    }

    int port() {
        return tcp.getLocalPort();
    }

    long requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        closeQuietly(tcp);
        udp.close();
        workers.shutdownNow();
    }

    private void startLoops() {
        Thread.ofPlatform().daemon().name("kerby-kdc-tcp-" + port()).start(this::acceptLoop);
        Thread.ofPlatform().daemon().name("kerby-kdc-udp-" + port()).start(this::receiveLoop);
    }

    private void acceptLoop() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                workers.execute(() -> serveConnection(socket));
            } catch (IOException | RejectedExecutionException e) {
                // Closed by close(): the loop condition ends it.
            }
        }
    }

    /** RFC 4120 section 7.2.2: each message is preceded by its length as a 4-byte big-endian integer. */
    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    return;
                }
                // A set high bit announces an extension (section 7.2.2) that this KDC does not offer.
                if (length <= 0 || length > MAX_REQUEST_BYTES) {
                    return;
                }
                byte[] request = new byte[length];
                in.readFully(request);
                ByteBuffer reply = handle(request, true, socket.getInetAddress());
                if (reply == null) {
                    return;
                }
                // Kerby's handler already put the length prefix in front of a TCP reply.
                out.write(reply.array(), reply.arrayOffset() + reply.position(), reply.remaining());
                out.flush();
            }
        } catch (IOException e) {
            // The client went away or timed out; it will retry or report the failure itself.
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_REQUEST_BYTES];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] request = Arrays.copyOfRange(buffer, packet.getOffset(), packet.getOffset() + packet.getLength());
                InetSocketAddress sender = (InetSocketAddress) packet.getSocketAddress();
                workers.execute(() -> answerDatagram(request, sender));
            } catch (IOException | RejectedExecutionException e) {
                // Closed by close(): the loop condition ends it.
            }
        }
    }

    private void answerDatagram(byte[] request, InetSocketAddress sender) {
        ByteBuffer reply = handle(request, false, sender.getAddress());
        if (reply == null) {
            return;
        }
        try {
            udp.send(new DatagramPacket(reply.array(), reply.arrayOffset() + reply.position(), reply.remaining(),
                    sender));
        } catch (IOException e) {
            // UDP is best effort; the client retransmits.
        }
    }

    /**
     * Runs one request through Kerby. Kerby answers protocol errors (unknown principal, failed preauth) with a
     * KRB-ERROR reply itself; it throws only for messages it cannot decode or for another realm, which are dropped.
     */
    private ByteBuffer handle(byte[] request, boolean isTcp, InetAddress client) {
        requests.incrementAndGet();
        try {
            return handler.handleMessage(ByteBuffer.wrap(request), isTcp, client);
        } catch (KrbException | RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing useful to do when a socket fails to close.
        }
    }
}
