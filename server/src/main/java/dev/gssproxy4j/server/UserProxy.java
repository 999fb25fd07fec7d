package dev.gssproxy4j.server;

import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.UserProxyConfig;
import dev.gssproxy4j.server.os.ActivatedSockets;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where user mode ({@code serve -u}, upstream's {@code --userproxy}, {@code docs/Userproxy.md}) keeps its socket
 * and keys, and its configuration ({@link UserProxyConfig}). The socket is the one systemd passed (a user unit's
 * {@code ListenStream=%t/gssproxy/default.sock}), else {@code -s SOCKET}, else
 * {@code $XDG_RUNTIME_DIR/gssproxy/default.sock}, whose directory is created 0700 if missing, as upstream does.
 *
 * <p>gssproxy4j addition: the keys that seal handles persist in
 * {@code $XDG_RUNTIME_DIR/gssproxy/gssproxy4j.keyring} (0600), which lives as long as the user's session. Upstream
 * seals with a key made at each start, but a socket-activated user daemon stops when idle and starts again on the
 * next call, and the interposer keeps the daemon's credential handle in the caller's ccache across both. So user
 * mode needs {@code XDG_RUNTIME_DIR} also with {@code -s} (upstream needs it only without), and refuses to start
 * without it.
 */
final class UserProxy {

    static final String DIRECTORY = "gssproxy";
    static final String SOCKET = "default.sock";
    static final String KEYRING = "gssproxy4j.keyring";

    private UserProxy() {
    }

    /**
     * The configuration for the daemon's own {@code uid}.
     *
     * @param passed the sockets systemd passed; the one socket claimed from it is the daemon's socket
     * @throws IOException              if systemd passed more than one socket, or the directory cannot be made
     * @throws IllegalStateException    if {@code XDG_RUNTIME_DIR} is not set or not a directory
     */
    static GssProxyConfig config(DaemonOptions options, ActivatedSockets passed, Map<String, String> environment,
                                 int uid) throws IOException {
        Path runtimeDir = runtimeDir(environment);
        Path own = runtimeDir.resolve(DIRECTORY);
        try {
            Files.createDirectory(own, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // upstream's mkdir tolerates EEXIST and leaves the directory as it is
        }
        Path socket = socket(options, passed, own);
        return UserProxyConfig.of(uid, socket, own.resolve(KEYRING), options.debugLevel().orElse(0),
                options.syslogStatus());
    }

    private static Path socket(DaemonOptions options, ActivatedSockets passed, Path own) throws IOException {
        var sockets = passed.unclaimed();
        if (sockets.size() > 1) {
            // upstream: "Received too many socket from systemd"
            throw new IOException("user mode serves one socket, but systemd passed " + sockets.size() + " ("
                    + sockets.stream().map(p -> p.path().toString()).toList() + "); list one ListenStream= in the "
                    + "user socket unit");
        }
        if (sockets.size() == 1) {
            return sockets.getFirst().path(); // the socket is the unit's, whatever -s says (as upstream)
        }
        return options.socket().orElse(own.resolve(SOCKET));
    }

    private static Path runtimeDir(Map<String, String> environment) {
        Optional<Path> dir = Optional.ofNullable(environment.get("XDG_RUNTIME_DIR")).filter(s -> !s.isEmpty())
                .map(Path::of);
        if (dir.isEmpty() || !dir.get().isAbsolute() || !Files.isDirectory(dir.get())) {
            throw new IllegalStateException("user mode (-u) keeps its socket and handle keys in "
                    + "$XDG_RUNTIME_DIR/gssproxy, but XDG_RUNTIME_DIR is "
                    + dir.map(d -> d + ", which is not an existing directory").orElse("not set")
                    + "; run it in the user's session (systemctl --user, which sets it) or set it to a directory "
                    + "only this user can write, e.g. /run/user/$(id -u)");
        }
        return dir.get();
    }
}
