package dev.gssproxy4j.server.os;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import dev.gssproxy4j.mech.posix.SocketInfo;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.transport.InheritedListener;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listening sockets systemd passed (socket activation, {@code sd_listen_fds(3)}): when {@code LISTEN_PID} is
 * this process's pid, descriptors 3 to {@code 3 + LISTEN_FDS - 1}. Each must be a listening AF_UNIX stream socket
 * bound to a path (a unit's {@code ListenStream=/path} with {@code Accept=no}); it is taken over as it is
 * ({@link InheritedListener}), never reopened, and later {@linkplain #claim claimed} by the configured socket with
 * the same path. Like {@code sd_listen_fds(1)}, the variables are then removed from the C environment, so nothing
 * this process starts takes them for its own.
 *
 * <p>Upstream gssproxy accepts exactly one socket and only in user mode ({@code init_activation_socket}); the
 * system daemon here accepts any number, matched by path, since a unit may pass the main socket and the
 * services' sockets (e.g. the kernel's {@code /run/gssproxy.sock}).
 */
public final class ActivatedSockets implements AutoCloseable {

    /** {@code SD_LISTEN_FDS_START}. */
    static final int FIRST_FD = 3;
    /** More would be a broken unit; the bound keeps a hostile environment from making us probe every number. */
    static final int MAX_FDS = 64;
    private static final int EBADF = 9;

    /** One passed socket: its descriptor number as passed, the path it is bound to, and our channel for it. */
    public record Passed(int fd, Path path, ServerSocketChannel channel) {}

    private final List<Passed> unclaimed;

    private ActivatedSockets(List<Passed> passed) {
        this.unclaimed = new ArrayList<>(passed);
    }

    public static ActivatedSockets none() {
        return new ActivatedSockets(List.of());
    }

    /**
     * The sockets passed to this process, taken over; none if {@code LISTEN_PID} is not set or names another
     * process.
     *
     * @throws IOException if the variables are malformed or a descriptor is not a listening AF_UNIX socket with a
     *                     path (the message names the descriptor and the unit setting to fix)
     */
    public static ActivatedSockets fromEnvironment() throws IOException {
        int count = count(System.getenv(), ProcessHandle.current().pid());
        if (count < 0) {
            return none();
        }
        for (String name : List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES")) {
            Posix.unsetenv(name);
        }
        List<Passed> passed = new ArrayList<>();
        try {
            for (int fd = FIRST_FD; fd < FIRST_FD + count; fd++) {
                Path path = listeningPath(fd);
                passed.add(new Passed(fd, path, InheritedListener.adopt(fd)));
            }
        } catch (IOException | RuntimeException e) {
            new ActivatedSockets(passed).close();
            throw e;
        }
        return new ActivatedSockets(passed);
    }

    /**
     * How many sockets {@code environment} passes to process {@code pid}: -1 if none are meant for it
     * ({@code LISTEN_PID} unset or another pid, as {@code sd_listen_fds} returns 0), else {@code LISTEN_FDS}.
     *
     * @throws IOException if a variable meant for this process is not a number, or out of range
     */
    static int count(Map<String, String> environment, long pid) throws IOException {
        String listenPid = environment.get("LISTEN_PID");
        if (listenPid == null) {
            return -1;
        }
        if (number(listenPid, "LISTEN_PID") != pid) {
            return -1;
        }
        long fds = number(environment.getOrDefault("LISTEN_FDS", ""), "LISTEN_FDS");
        if (fds > MAX_FDS) {
            throw new IOException("LISTEN_FDS=" + fds + ": systemd passed more than " + MAX_FDS + " sockets; list "
                    + "only the daemon's sockets in its socket unit");
        }
        return (int) fds;
    }

    private static long number(String text, String name) throws IOException {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(name + "=\"" + text + "\" is not a number: the socket activation variables are "
                + "damaged; start the daemon from its systemd socket unit or unset them");
    }

    private static Path listeningPath(int fd) throws IOException {
        SocketInfo info;
        try {
            info = Posix.socketInfo(fd);
        } catch (PosixException e) {
            throw new IOException("socket activation: descriptor " + fd + (e.errno() == EBADF
                    ? " is not open; LISTEN_FDS counts more descriptors than were passed"
                    : " is not a socket (" + e.getMessage() + "); the unit must pass ListenStream= sockets"), e);
        }
        if (!info.isUnixStream()) {
            throw new IOException("socket activation: descriptor " + fd + " is not an AF_UNIX stream socket; "
                    + "gssproxy4j serves ListenStream=/absolute/path sockets only");
        }
        if (!info.listening()) {
            throw new IOException("socket activation: descriptor " + fd + " is a connection, not a listening "
                    + "socket; set Accept=no in the socket unit");
        }
        Path path = info.path().map(Path::of).filter(Path::isAbsolute).orElseThrow(() -> new IOException(
                "socket activation: descriptor " + fd + " is not bound to a file path (abstract or unnamed); use "
                        + "ListenStream=/absolute/path in the socket unit"));
        return path;
    }

    public boolean isEmpty() {
        return unclaimed.isEmpty();
    }

    /** The passed sockets nobody has claimed yet. */
    public List<Passed> unclaimed() {
        return List.copyOf(unclaimed);
    }

    /**
     * The passed socket bound to {@code socket}, by the same path or the same file (a unit may spell
     * {@code /var/run/gssproxy.sock} where the configuration says {@code /run/gssproxy.sock}); once claimed it is
     * no longer offered.
     */
    public synchronized Optional<ServerSocketChannel> claim(Path socket) {
        for (Passed passed : unclaimed) {
            if (passed.path().equals(socket.toAbsolutePath().normalize()) || sameFile(passed.path(), socket)) {
                unclaimed.remove(passed);
                return Optional.of(passed.channel());
            }
        }
        return Optional.empty();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the sockets nobody claimed (claimed ones belong to the server now). */
    @Override
    public synchronized void close() {
        for (Passed passed : unclaimed) {
            try {
                passed.channel().close();
            } catch (IOException e) {
                DaemonLog.error("closing socket " + passed.path() + " passed by systemd: " + e.getMessage());
            }
        }
        unclaimed.clear();
    }
}
