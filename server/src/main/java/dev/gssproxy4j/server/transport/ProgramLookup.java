package dev.gssproxy4j.server.transport;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a peer's executable from its pid ({@code /proc/PID/exe}). Reading another user's link needs
 * {@code CAP_SYS_PTRACE} once the daemon has left root ({@code run_as_user}); that capability is kept by one
 * thread only, so the lookup is a seam: {@link SocketPeerCredentials#program} directly, or a call onto that thread.
 */
@FunctionalInterface
public interface ProgramLookup {
    Optional<Path> program(int pid);
}
