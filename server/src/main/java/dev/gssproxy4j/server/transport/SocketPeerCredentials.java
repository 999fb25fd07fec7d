package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.server.config.Caller;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a connection's peer with {@code getsockopt(SO_PEERCRED)} and {@code SO_PEERSEC} on the channel's file
 * descriptor, and the program from {@code /proc/PID/exe}. The JDK's own {@code SO_PEERCRED} option gives only user
 * and group names, without the pid that program matching needs, so the descriptor is taken from the JDK's channel
 * implementation ({@link ChannelDescriptor}); that needs {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED},
 * which {@link #create()} checks once at start-up.
 */
public final class SocketPeerCredentials implements PeerCredentialsReader {

    private final ProgramLookup programs;

    private SocketPeerCredentials(ProgramLookup programs) {
        this.programs = programs;
    }

    /**
     * @throws IllegalStateException naming the missing JVM flag if the descriptor cannot be reached
     */
    public static SocketPeerCredentials create() {
        return create(SocketPeerCredentials::program);
    }

    /** Like {@link #create()}, with the peer's program found by {@code programs}. */
    public static SocketPeerCredentials create(ProgramLookup programs) {
        ChannelDescriptor.check();
        return new SocketPeerCredentials(programs);
    }

    @Override
    public Caller read(SocketChannel channel, Path socket) throws IOException {
        int fd = ChannelDescriptor.of(channel);
        var cred = Posix.peerCredentials(fd);
        return new Caller(cred.uid(), cred.gid(), cred.pid(), programs.program(cred.pid()),
                Posix.peerSecurityContext(fd), socket);
    }

    /**
     * The peer's executable, resolved as upstream's {@code realpath(/proc/PID/exe)}; empty for kernel threads
     * (no executable) and for processes that are already gone.
     */
    public static Optional<Path> program(int pid) {
        try {
            Path exe = Path.of("/proc", Integer.toString(pid), "exe");
            return Optional.of(Files.readSymbolicLink(exe).toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
