package dev.gssproxy4j.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads a connection ahead into a small buffer, so that a request's record mark and body (which a client writes
 * together) cost one {@code read(2)} instead of two. Reads at least as large as the buffer go to the socket
 * directly. Not thread-safe; closing it does not close the socket (the connection owns that).
 */
final class ReadAheadChannel implements ReadableByteChannel {

    /** Holds a whole typical request: ACCEPT_SEC_CONTEXT with a PAC-carrying AP-REQ is 1.3-3 kB. */
    static final int BUFFER_BYTES = 8192;

    private final ReadableByteChannel source;
    private final ByteBuffer ahead;
    private boolean open = true;

    ReadAheadChannel(ReadableByteChannel source) {
        this(source, BUFFER_BYTES);
    }

    ReadAheadChannel(ReadableByteChannel source, int bufferBytes) {
        this.source = source;
        this.ahead = ByteBuffer.allocate(bufferBytes).flip();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!ahead.hasRemaining()) {
            if (dst.remaining() >= ahead.capacity()) {
                return source.read(dst);
            }
            ahead.clear();
            int n = source.read(ahead);
            ahead.flip();
            if (n <= 0) {
                return n;
            }
        }
        int count = Math.min(ahead.remaining(), dst.remaining());
        dst.put(dst.position(), ahead, ahead.position(), count);
        dst.position(dst.position() + count);
        ahead.position(ahead.position() + count);
        return count;
    }

    @Override
    public boolean isOpen() {
        return open && source.isOpen();
    }

    @Override
    public void close() {
        open = false;
    }
}
