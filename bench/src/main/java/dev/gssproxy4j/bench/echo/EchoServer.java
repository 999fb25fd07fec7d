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
 * reads a request of a fixed size, computes for the given CPU time (a stand-in for a daemon's work on a call, a
 * fixed amount of arithmetic calibrated at start-up, so that a preemption in the middle does not shorten it), and
 * writes the same bytes back. Arguments: socket path, request bytes, work in microseconds. Prints
 * {@code listening} once the socket accepts.
 */
public final class EchoServer {

    private EchoServer() {}

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[0]);
        int bytes = Integer.parseInt(args[1]);
        long work = Work.iterationsFor(Long.parseLong(args[2]) * 1000);
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            System.out.println("listening");
            System.out.flush();
            while (true) {
                SocketChannel connection = server.accept();
                Thread.ofPlatform().daemon().start(() -> serve(connection, bytes, work));
            }
        }
    }

    private static void serve(SocketChannel connection, int bytes, long work) {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        try (connection) {
            while (true) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    if (connection.read(buffer) < 0) {
                        return;
                    }
                }
                Work.compute(work);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    connection.write(buffer);
                }
            }
        } catch (IOException e) {
            // the client went away: this connection is done
        }
    }
}
