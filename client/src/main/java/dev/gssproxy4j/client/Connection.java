package dev.gssproxy4j.client;

import dev.gssproxy4j.client.GssProxyException.Reason;
import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.rpc.RecordReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One AF_UNIX stream to a GSS-Proxy socket, used as if blocking ({@link SelectedChannel}): sends a whole record
 * and reads the next whole record (RFC 5531 section 11 record marking, capped before allocation) under a
 * {@link Watchdog} deadline. Every failure becomes a {@link GssProxyException}; the caller decides (by
 * {@link Reason#closesConnection()}) whether the connection survives it and calls {@link #closeAfter} if not.
 */
final class Connection {

    private final Path socket;
    private final SelectedChannel channel;
    private final RecordReader reader;
    private final int maxReplyBytes;
    private volatile String closedBecause;

    private Connection(Path socket, SelectedChannel channel, int maxReplyBytes) {
        this.socket = socket;
        this.channel = channel;
        this.maxReplyBytes = maxReplyBytes;
        this.reader = new RecordReader(channel, maxReplyBytes);
    }

    static Connection open(Path socket, int maxReplyBytes) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new Connection(socket, new SelectedChannel(channel), maxReplyBytes);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw GssProxyException.notSent(Reason.CONNECT_FAILED, "cannot connect to the GSS-Proxy socket " + socket
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (is the daemon running, and is this its socket path?)", e);
        }
    }

    Path socket() {
        return socket;
    }

    /**
     * Writes {@code record} (mark included) and returns the next whole reply record without its marks.
     *
     * @param what names the call in messages, e.g. {@code INDICATE_MECHS (xid 0x62309a43)}
     */
    byte[] exchange(byte[] record, Duration timeout, Replies.CallName what) {
        String earlier = closedBecause;
        if (earlier != null) {
            throw GssProxyException.notSent(Reason.CLIENT_CLOSED, "cannot send " + what + ": the connection to "
                    + socket + " is closed (" + earlier + "); connect a new client", null);
        }
        Watchdog.Deadline deadline = Watchdog.arm(timeout, () -> closeAfter("the I/O timeout of " + timeout
                + " expired during " + what));
        try {
            write(record, what, deadline, timeout);
            byte[] reply = reader.read();
            if (!deadline.disarm()) {
                throw timedOut(what, timeout, null);
            }
            if (reply == null) {
                throw new GssProxyException(Reason.CONNECTION_CLOSED, "the server closed the connection without "
                        + "answering " + what + " (upstream does this for an unknown caller uid or a bad header)",
                        null);
            }
            return reply;
        } catch (RecordMarkingException e) {
            if (!deadline.disarm()) {
                throw timedOut(what, timeout, e);
            }
            throw switch (e.reason()) {
                case TOO_LARGE -> new GssProxyException(Reason.REPLY_TOO_LARGE, "the reply to " + what
                        + " is larger than " + maxReplyBytes + " bytes (" + e.getMessage() + ")", e);
                case TRUNCATED, FRAGMENTED -> new GssProxyException(Reason.FRAMING, "the reply to " + what
                        + " broke record marking: " + e.getMessage(), e);
            };
        } catch (IOException e) {
            if (!deadline.disarm()) {
                throw timedOut(what, timeout, e);
            }
            if (e instanceof ClosedByInterruptException) {
                throw new GssProxyException(Reason.CLIENT_CLOSED, "the thread calling " + what
                        + " was interrupted; the JDK closed the connection", e);
            }
            String closedBy = closedBecause;
            if (closedBy != null) {
                throw new GssProxyException(Reason.CLIENT_CLOSED, what + " was aborted: " + closedBy, e);
            }
            throw new GssProxyException(Reason.CONNECTION_CLOSED, "the connection broke during " + what + ": " + e,
                    e);
        }
    }

    /**
     * Writes the whole record; a failure here is reported as {@link GssProxyException#requestSent() not sent}, since
     * a server acts only on whole records. The deadline stays armed for the read that follows.
     */
    private void write(byte[] record, Replies.CallName what, Watchdog.Deadline deadline, Duration timeout) {
        try {
            channel.writeFully(ByteBuffer.wrap(record));
        } catch (IOException e) {
            if (!deadline.disarm()) {
                throw timedOut(what, timeout, e);
            }
            if (e instanceof ClosedByInterruptException) {
                throw GssProxyException.notSent(Reason.CLIENT_CLOSED, "the thread sending " + what
                        + " was interrupted; the JDK closed the connection", e);
            }
            String closedBy = closedBecause;
            throw GssProxyException.notSent(closedBy != null ? Reason.CLIENT_CLOSED : Reason.CONNECTION_CLOSED,
                    "cannot send " + what + " to " + socket + ": " + (closedBy != null ? closedBy : e.toString())
                    + "; the request did not reach the server", e);
        }
    }

    private GssProxyException timedOut(Replies.CallName what, Duration timeout, Throwable cause) {
        return new GssProxyException(Reason.TIMEOUT, "no complete reply to " + what + " within " + timeout
                + " on " + socket + "; the connection was closed", cause);
    }

    /** Closes the channel (waking a blocked call) and remembers why, for later calls' messages. */
    void closeAfter(String reason) {
        synchronized (this) {
            if (closedBecause == null) {
                closedBecause = reason;
            }
        }
        closeQuietly(channel);
    }

    boolean isOpen() {
        return closedBecause == null && channel.isOpen();
    }

    private static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing an AF_UNIX socket reports nothing useful; the connection is gone either way.
        }
    }
}
