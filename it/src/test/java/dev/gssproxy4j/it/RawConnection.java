package dev.gssproxy4j.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One AF_UNIX connection to a GSS-Proxy socket that sends whatever bytes a test gives it (well-formed or not) and
 * reads back whole reply records, mark included, so tests can compare them with golden {@code .reply.bin} files.
 * A reply that never comes fails after a generous deadline instead of hanging the build; that deadline is a
 * safety net, not something a test asserts on.
 *
 * <p>Uses the JDK only: {@link RawCaller} runs it in child JVMs under other uids with nothing else on the class
 * path.
 */
final class RawConnection implements AutoCloseable {

    /** Safety net for a daemon that neither answers nor closes; far above any real reply time. */
    static final long DEADLINE_MILLIS = 20_000;

    private final SocketChannel channel;
    private final Selector selector;

    private RawConnection(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    static RawConnection open(Path socket) {
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new RawConnection(channel, selector);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + socket, e);
        }
    }

    /** Writes {@code bytes} as they are. */
    void send(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the daemon stopped reading: " + buffer.remaining()
                                + " of " + bytes.length + " bytes unsent after " + DEADLINE_MILLIS + " ms");
                    }
                    Thread.onSpinWait(); // socket buffer full while the daemon reads: retry
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + bytes.length + " bytes", e);
        }
    }

    /** Half-closes the connection: the daemon reads end-of-file after what was sent. */
    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot shut down the output side", e);
        }
    }

    /**
     * The next reply record (its single last-fragment mark included), or empty if the daemon closed the connection
     * (end-of-file or reset) before a reply began.
     *
     * @throws IllegalStateException if the connection ends inside a reply, or nothing happens before the deadline
     */
    Optional<byte[]> receive() {
        ByteBuffer mark = ByteBuffer.allocate(4);
        if (!fill(mark, true)) {
            return Optional.empty();
        }
        int header = mark.getInt(0);
        if ((header & 0x8000_0000) == 0) {
            throw new IllegalStateException("the reply is split into fragments (mark " + Integer.toHexString(header)
                    + "); GSS-Proxy servers send one last fragment");
        }
        ByteBuffer record = ByteBuffer.allocate(4 + (header & 0x7fff_ffff));
        record.putInt(header);
        fill(record, false);
        return Optional.of(record.array());
    }

    /** {@link #send} then {@link #receive}. */
    Optional<byte[]> exchange(byte[] record) {
        send(record);
        return receive();
    }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** Fills {@code buffer}; false if the peer closed before its first byte and {@code closeAllowed}. */
    private boolean fill(ByteBuffer buffer, boolean closeAllowed) {
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        boolean started = buffer.position() > 0;
        try {
            while (buffer.hasRemaining()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IllegalStateException("neither a reply nor a close within " + DEADLINE_MILLIS + " ms");
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int n;
                try {
                    n = channel.read(buffer);
                } catch (IOException e) {
                    n = -1; // ECONNRESET: the daemon closed while bytes we sent were unread
                }
                if (n < 0) {
                    if (!started && closeAllowed) {
                        return false;
                    }
                    throw new IllegalStateException("the connection ended inside a reply ("
                            + buffer.remaining() + " bytes missing)");
                }
                started |= n > 0;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
