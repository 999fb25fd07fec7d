package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a listening AF_UNIX socket that this process inherited (systemd's socket activation passes it as a bare
 * descriptor, 3 and up) into a JDK {@link ServerSocketChannel}, without reopening it: the socket systemd bound
 * stays the one callers connect to, with its path, mode and queued connections.
 *
 * <p>The JDK offers no public way to wrap a descriptor. {@link System#inheritedChannel()} only looks at
 * descriptor 0, once; the constructor it uses is package-private in {@code sun.nio.ch} and would need
 * {@code --add-opens}, a much wider grant than the {@code --add-exports} the daemon already has. So the socket is
 * moved under a channel the JDK made itself: a fresh channel is bound to a throwaway name (the JDK's own automatic
 * address in {@code jdk.net.unixdomain.tmpdir}, by default {@code java.io.tmpdir}), which makes the channel "bound"
 * for the JDK's bookkeeping; then {@code dup3(2)} puts the inherited socket on that channel's descriptor number,
 * which atomically closes the throwaway socket, and the inherited number is closed. The JDK keeps using its
 * descriptor number, so accept, blocking and close behave as for any channel (a non-blocking inherited socket is
 * fine: a blocking accept polls on EAGAIN). Only {@link ServerSocketChannel#getLocalAddress()} still names the
 * throwaway file, which is deleted at once; callers key the channel by the path systemd bound
 * ({@link dev.gssproxy4j.mech.posix.SocketInfo#path()}).
 */
public final class InheritedListener {

    private InheritedListener() {
    }

    /**
     * Takes over the listening socket {@code fd}; on success {@code fd} itself is closed (the channel holds the
     * socket on its own descriptor, close-on-exec).
     *
     * @throws IOException if the throwaway name cannot be bound (the message names the directory and the fix) or
     *                     the descriptor cannot be moved
     */
    public static ServerSocketChannel adopt(int fd) throws IOException {
        ChannelDescriptor.check();
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            try {
                channel.bind(null, 1);
            } catch (IOException e) {
                String dir = System.getProperty("jdk.net.unixdomain.tmpdir", System.getProperty("java.io.tmpdir"));
                throw new IOException("cannot take over descriptor " + fd + ": the JDK first binds a throwaway "
                        + "socket in " + dir + ", which failed (" + e.getMessage() + "); make it writable for the "
                        + "daemon or set -Djdk.net.unixdomain.tmpdir=DIR in GSSPROXY4J_JAVA_OPTS", e);
            }
            Path throwaway = ((UnixDomainSocketAddress) channel.getLocalAddress()).getPath();
            try {
                Posix.replaceDescriptor(fd, ChannelDescriptor.of(channel));
            } catch (PosixException e) {
                throw new IOException("cannot take over descriptor " + fd + ": " + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(throwaway);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
