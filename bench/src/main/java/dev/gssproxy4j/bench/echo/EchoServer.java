package dev.gssproxy4j.bench.echo;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server side of {@link EchoFloor}, in a process of its own as a daemon is: a platform thread per connection
 * reads requests of a fixed size, computes for the given CPU time per request (a stand-in for a daemon's work on a
 * call, a fixed amount of arithmetic calibrated at start-up, so that a preemption in the middle does not shorten
 * it), and writes the same bytes back. Requests that arrive together (several client threads sharing a connection,
 * {@link SharedConnection}) are served in turn and answered with one write, as a batching server would; a client
 * that sends one request at a time sees one read and one write per request. Arguments: socket path, request bytes,
 * work in microseconds. Prints {@code listening} once the socket accepts.
 */
public final class EchoServer {

    /** Requests that one read may take in. */
    private static final int BATCH = 64;

    private EchoServer() {}

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[0]);
        int bytes = Integer.parseInt(args[1]);
        long work = Work.iterationsFor(Long.parseLong(args[2]) * 1000);
        try (ServerSocketChannel server = listen(socket)) {
            System.out.println("listening");
            System.out.flush();
            acceptForever(server, bytes, work);
        }
    }

    /** The bound socket, ready for {@link #acceptForever}. */
    static ServerSocketChannel listen(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    /** Serves each connection in a platform thread of its own until {@code server} is closed. */
    static void acceptForever(ServerSocketChannel server, int bytes, long work) throws IOException {
        while (true) {
            SocketChannel connection = server.accept();
            Thread.ofPlatform().daemon().start(() -> serve(connection, bytes, work));
        }
    }

    private static void serve(SocketChannel connection, int bytes, long work) {
        ByteBuffer in = ByteBuffer.allocate(bytes * BATCH);
        ByteBuffer out = ByteBuffer.allocate(bytes * BATCH);
        try (connection) {
            while (true) {
                if (connection.read(in) < 0) {
                    return;
                }
                in.flip();
                while (in.remaining() >= bytes) {
                    Work.compute(work);
                    out.put(out.position(), in, in.position(), bytes);
                    out.position(out.position() + bytes);
                    in.position(in.position() + bytes);
                }
                in.compact();
                out.flip();
                while (out.hasRemaining()) {
                    connection.write(out);
                }
                out.clear();
            }
        } catch (IOException e) {
            // the client went away: this connection is done
        }
    }
}
