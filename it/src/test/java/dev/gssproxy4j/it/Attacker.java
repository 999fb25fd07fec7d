package dev.gssproxy4j.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a hostile local user does to a GSS-Proxy daemon, run as that user by {@link DenialOfServiceTest} (JDK only,
 * copied to a world-readable class path like {@link RawCaller}). Usage: {@code Attacker SOCKET MODE COUNT [HEX]};
 * it prints {@code READY n} once the attack is in place (n connections held) and keeps it until it is killed. Modes:
 * <ul>
 *   <li>{@code idle}: hold COUNT connections that send nothing;</li>
 *   <li>{@code announce}: hold COUNT connections that each announce a 1 MiB record and send 4 bytes of it;</li>
 *   <li>{@code slowloris}: hold COUNT connections that each send a record one byte a second;</li>
 *   <li>{@code fill}: hold COUNT connections that each send all of a 1 MiB record but its last byte;</li>
 *   <li>{@code flood}: connect and close COUNT times as fast as possible, then report;</li>
 *   <li>{@code busy}: keep COUNT connections calling with the record HEX, each as fast as replies come;</li>
 *   <li>{@code calls}: send the record HEX COUNT times, each on a new connection (e.g. a uid without a service,
 *       to flood the log).</li>
 * </ul>
 */
public final class Attacker {

    private Attacker() {}

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        String mode = args[1];
        int count = Integer.parseInt(args[2]);
        List<SocketChannel> held = new ArrayList<>();
        switch (mode) {
            case "idle" -> connectMany(socket, count, held, null);
            case "announce" -> connectMany(socket, count, held, new byte[] {(byte) 0x80, 0x10, 0, 0, 1, 2, 3, 4});
            case "slowloris" -> connectMany(socket, count, held, new byte[] {(byte) 0x80});
            case "fill" -> connectMany(socket, count, held, almostWholeRecord());
            case "flood" -> {
                for (int i = 0; i < count; i++) {
                    try (SocketChannel c = open(socket)) {
                        c.isOpen();
                    } catch (IOException e) {
                        // refused: the backlog is full; a flood goes on regardless
                    }
                }
            }
            case "busy" -> {
                byte[] record = HexFormat.of().parseHex(args[3]);
                java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(count);
                for (int i = 0; i < count; i++) {
                    Thread.ofPlatform().daemon().start(() -> callForever(socket, record, started));
                }
                started.await();
            }
            case "calls" -> {
                byte[] record = HexFormat.of().parseHex(args[3]);
                for (int i = 0; i < count; i++) {
                    try (SocketChannel c = open(socket)) {
                        c.write(ByteBuffer.wrap(record));
                        c.read(ByteBuffer.allocate(4096));
                    } catch (IOException e) {
                        // closed on us: that is the daemon's answer
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        System.out.println("READY " + held.size());
        System.out.flush();
        if (mode.equals("slowloris")) {
            Thread.ofPlatform().daemon().start(() -> drip(held));
        }
        new java.util.concurrent.CountDownLatch(1).await(); // hold the attack until the test kills us
    }

    private static void connectMany(Path socket, int count, List<SocketChannel> held, byte[] first) {
        for (int i = 0; i < count; i++) {
            try {
                SocketChannel c = open(socket);
                if (first != null) {
                    c.write(ByteBuffer.wrap(first));
                }
                held.add(c);
            } catch (IOException e) {
                // refused or closed: the daemon's limit; keep trying the rest
            }
        }
    }

    /** Sends {@code record} and reads the reply, again and again, on one connection. */
    private static void callForever(Path socket, byte[] record, java.util.concurrent.CountDownLatch started) {
        try (SocketChannel c = open(socket)) {
            ByteBuffer reply = ByteBuffer.allocate(1 << 16);
            boolean first = true;
            while (true) {
                c.write(ByteBuffer.wrap(record));
                reply.clear();
                if (c.read(reply) < 0) {
                    return;
                }
                if (first) {
                    started.countDown();
                    first = false;
                }
            }
        } catch (IOException e) {
            started.countDown(); // refused: the attack goes on with the others
        }
    }

    private static byte[] almostWholeRecord() {
        byte[] record = new byte[4 + (1 << 20) - 1];
        ByteBuffer.wrap(record).putInt(0x8000_0000 | (1 << 20));
        return record;
    }

    /** One more byte of a never-ending record on every connection, once a second. */
    private static void drip(List<SocketChannel> held) {
        while (!Thread.currentThread().isInterrupted()) {
            for (SocketChannel c : held) {
                try {
                    c.write(ByteBuffer.wrap(new byte[] {0}));
                } catch (IOException e) {
                    // closed by the daemon: what we want to see
                }
            }
            try {
                Thread.sleep(1000); // the attack's pace, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static SocketChannel open(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        return c;
    }
}
