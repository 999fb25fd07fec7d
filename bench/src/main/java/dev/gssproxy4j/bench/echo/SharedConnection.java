package dev.gssproxy4j.bench.echo;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection shared by all the client threads of {@link EchoFloor} ({@code --shared-connection}), the way a
 * multiplexing RPC client shares one: a thread writes its request whole under a lock, the request's first four
 * bytes naming the thread, then waits for the reply that names it. Whichever waiting thread finds nobody reading
 * reads for all: it marks each reply's thread answered and wakes it, and once its own reply has come it stops and
 * wakes a thread still waiting to read on. So the server may find several requests in one read and answer them in
 * one write ({@link EchoServer}), and the wake-ups move from the server to the client.
 */
final class SharedConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final int bytes;
    private final ReentrantLock writing = new ReentrantLock();
    private final ReentrantLock reading = new ReentrantLock();
    /** Touched only by the thread holding {@link #reading}. */
    private final ByteBuffer replies;
    /** Guarded by this: the thread waiting for each index's reply, and whether it has come. */
    private final Thread[] waiting;
    private final boolean[] answered;

    SharedConnection(Path socket, int threads, int bytes) throws IOException {
        if (bytes < Integer.BYTES) {
            throw new IllegalArgumentException("a shared connection's requests carry a 4-byte index: --bytes >= 4");
        }
        this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        this.bytes = bytes;
        this.replies = ByteBuffer.allocate(bytes * threads);
        this.waiting = new Thread[threads];
        this.answered = new boolean[threads];
    }

    /** Sends {@code request} (whole, {@code bytes} long) for thread {@code index} and returns once its reply came. */
    void call(int index, ByteBuffer request) throws IOException {
        synchronized (this) {
            waiting[index] = Thread.currentThread();
            answered[index] = false;
        }
        request.putInt(0, index);
        writing.lock();
        try {
            while (request.hasRemaining()) {
                channel.write(request);
            }
        } finally {
            writing.unlock();
        }
        while (!answered(index)) {
            if (reading.tryLock()) {
                try {
                    readUntilAnswered(index);
                } finally {
                    reading.unlock();
                }
                wakeNextReader();
                break;
            }
            LockSupport.park(this); // woken when answered, or to read on
        }
        synchronized (this) {
            waiting[index] = null;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void readUntilAnswered(int index) throws IOException {
        while (!answered(index)) {
            if (channel.read(replies) < 0) {
                throw new IOException("the echo server closed the connection");
            }
            replies.flip();
            while (replies.remaining() >= bytes) {
                int owner = replies.getInt(replies.position());
                replies.position(replies.position() + bytes);
                Thread thread = markAnswered(owner);
                if (owner != index) {
                    LockSupport.unpark(thread);
                }
            }
            replies.compact();
        }
    }

    private synchronized boolean answered(int index) {
        return answered[index];
    }

    private synchronized Thread markAnswered(int index) {
        answered[index] = true;
        return waiting[index];
    }

    /** The reader is done: a thread still waiting for its reply reads on (if none waits, the next caller reads). */
    private synchronized void wakeNextReader() {
        for (int i = 0; i < waiting.length; i++) {
            if (waiting[i] != null && !answered[i]) {
                LockSupport.unpark(waiting[i]);
                return;
            }
        }
    }
}
