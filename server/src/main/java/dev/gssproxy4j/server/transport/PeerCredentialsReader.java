package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.config.Caller;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Reads who is on the other end of a freshly accepted AF_UNIX connection to {@code socket}. */
@FunctionalInterface
public interface PeerCredentialsReader {
    Caller read(SocketChannel channel, Path socket) throws IOException;
}
