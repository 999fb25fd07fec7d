package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is on the other end of a connection, as upstream reads it once at {@code accept()}: {@code SO_PEERCRED}
 * (pid, uid, gid), {@code getpeercon()}, {@code realpath(/proc/PID/exe)}, and the socket it connected to. The
 * transport reads it once per connection; the service matcher, the handlers and the log use this one value.
 *
 * @param uid          effective uid of the peer at connect time
 * @param gid          effective gid of the peer at connect time
 * @param pid          peer process id
 * @param program      resolved executable; empty for kernel threads (nfsd upcalls) or when unreadable
 * @param selinuxLabel the peer's SELinux context; empty without SELinux
 * @param socket       the listening socket the connection arrived on
 */
public record Caller(int uid, int gid, int pid, Optional<Path> program, Optional<String> selinuxLabel, Path socket) {

    public Caller {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(selinuxLabel, "selinuxLabel");
        Objects.requireNonNull(socket, "socket");
    }

    /** With nullable program and label, as the peer-credential code gets them. */
    public static Caller of(int uid, int gid, int pid, Path programOrNull, String selinuxLabelOrNull, Path socket) {
        return new Caller(uid, gid, pid, Optional.ofNullable(programOrNull), Optional.ofNullable(selinuxLabelOrNull),
                socket);
    }

    /** For the daemon's log: {@code uid 1000 (pid 42, program /usr/sbin/httpd)}. */
    public String describeProcess() {
        return "uid " + Integer.toUnsignedString(uid) + " (pid " + pid + ", program "
                + program.map(Path::toString).orElse("none: kernel") + ")";
    }

    /** {@code uid 1000 (program /usr/bin/foo)}, or {@code uid 0 (no program: kernel thread)}. */
    public String describe() {
        return "uid " + Integer.toUnsignedString(uid) + program.map(p -> " (program " + p + ")")
                .orElse(" (no program: kernel thread)");
    }

    /** For logs and refusals: {@code service 'http', uid 48 (program /usr/sbin/httpd)}. */
    public String describeFor(ServiceConfig service) {
        return "service '" + service.name() + "', " + describe();
    }
}
