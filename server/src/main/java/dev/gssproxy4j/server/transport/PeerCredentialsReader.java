package dev.gssproxy4j.server.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Reads the peer's credentials of a freshly accepted AF_UNIX connection. */
@FunctionalInterface
public interface PeerCredentialsReader {
    PeerCredentials read(SocketChannel channel) throws IOException;
}
