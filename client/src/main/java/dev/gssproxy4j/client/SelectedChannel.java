package dev.gssproxy4j.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connection's socket in non-blocking mode with a selector of its own: a read or a write that cannot go on at
 * once waits in the selector for that readiness only, then goes on.
 *
 * <p>Why not a blocking read: Linux keeps one wait queue per AF_UNIX socket, and a thread blocked in
 * {@code read(2)} sleeps on it with no filter, so it is woken whenever the peer frees send space as well as when
 * data arrives. The daemon taking each request off the socket thus woke this client's thread for nothing, at the
 * daemon's expense (measured: 11% of the daemon's CPU per message call, in {@code unix_write_space}). An epoll
 * wait registered for input only is passed over by those wake-ups.
 *
 * <p>Like a blocking channel: a thread that is interrupted when it has to wait (or while it waits) closes the
 * channel and gets {@link ClosedByInterruptException}; {@link #close()} from another thread (a deadline) ends a wait
 * with {@link AsynchronousCloseException}. Virtual
 * threads park in the selector without pinning a carrier (the JDK polls the selector's descriptor for them). One
 * thread at a time reads or writes; any thread may close.
 */
final class SelectedChannel implements ReadableByteChannel {

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    SelectedChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            this.key = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /**
     * Reads at least one byte into {@code dst} (none if it has no room), waiting as long as it takes; -1 at the end
     * of the stream.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (true) {
            int n = channel.read(dst);
            if (n != 0 || !dst.hasRemaining()) {
                return n;
            }
            await(SelectionKey.OP_READ);
        }
    }

    /** Writes all of {@code src}, waiting for room as long as it takes. */
    void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the socket and the selector, ending any wait in progress. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.close(); // wakes a thread in select() first
        }
    }

    private void await(int ops) throws IOException {
        try {
            key.interestOps(ops);
            selector.select();
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException | CancelledKeyException e) {
            throw new AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
            close();
            throw new ClosedByInterruptException();
        }
        if (!channel.isOpen()) {
            throw new AsynchronousCloseException();
        }
    }
}
