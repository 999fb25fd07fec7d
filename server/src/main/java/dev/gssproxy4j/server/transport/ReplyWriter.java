package dev.gssproxy4j.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one connection's replies, each as one whole record: the workers whose calls end write their own replies,
 * one at a time under this writer's lock, so the bytes of two replies never interleave on the socket. A peer gets
 * {@code deadline} to take each reply, counted from when its worker starts waiting (for the lock, then for room in
 * the socket); a reply that cannot be written whole in that time closes the channel before the lock is released, so
 * no later reply can follow a partial one. At most as many workers wait here as the connection has calls in flight.
 */
final class ReplyWriter {

    private final SocketChannel channel;
    private final Duration deadline;
    private final ReentrantLock lock = new ReentrantLock();

    ReplyWriter(SocketChannel channel, Duration deadline) {
        this.channel = channel;
        this.deadline = deadline;
    }

    /**
     * Writes {@code record} whole, waiting on {@code worker}'s selector while the socket is full.
     *
     * @throws IOException if the peer did not take it in time or the connection broke; the channel is then closed
     */
    void write(byte[] record, Worker worker) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            if (!lock.tryLock(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                throw overdue(); // the writer ahead is stuck on a peer that does not read; it closes the channel
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to write a reply", e);
        }
        try {
            ByteBuffer out = ByteBuffer.wrap(record);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        throw overdue();
                    }
                    // a wake-up meant for a lingering read (ReadyQueue) may end this wait early: write again
                    worker.await(channel, SelectionKey.OP_WRITE, Duration.ofNanos(left));
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close(); // a partial reply: nothing may follow it on this stream
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private IOException overdue() {
        return new IOException("the peer did not read its reply within " + deadline.toSeconds() + " s");
    }
}
