package dev.gssproxy4j.server.transport;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Who is on the other end of a connection, as the kernel tells it at connect time ({@code SO_PEERCRED}, read
 * once when the connection is accepted, as upstream does): the process id, its effective uid and gid, the
 * program it runs ({@code /proc/PID/exe}; empty for kernel threads such as nfsd's upcall) and its SELinux label
 * ({@code SO_PEERSEC}, where the system has one).
 */
public record PeerCredentials(int pid, int uid, int gid, Optional<Path> program, Optional<String> selinuxLabel) {

    /** For messages: {@code uid 1000 (pid 42, program /usr/sbin/httpd)}. */
    public String describe() {
        return "uid " + Integer.toUnsignedString(uid) + " (pid " + pid + ", program "
                + program.map(Path::toString).orElse("none: kernel") + ")";
    }
}
