package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.FileOwner;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The bytes of a FILE a caller named in its client environment ({@code KRB5CCNAME}, {@code KRB5_CLIENT_KTNAME},
 * {@code KRB5_KTNAME}), read only after checking, on the opened file and not on its path, that the caller owns it:
 * the daemon opens the path with {@code O_RDONLY|O_NONBLOCK|O_NOFOLLOW|O_CLOEXEC} (no symbolic link as last
 * component, no wait on a FIFO), {@code statx}es the descriptor, requires a regular file owned by the caller's uid
 * and at most {@link #MAX_SIZE} bytes, and reads that same file (its {@code /proc/self/fd} link). Hard links need
 * no rule: a link keeps its file's owner. MIT then parses a {@link CallerSnapshot} of these bytes, never the
 * caller's path.
 *
 * <p>Only FILE objects: the owner of a KEYRING, KCM, DIR collection, API or MEMORY object cannot be checked on
 * something the daemon holds (a MEMORY name would even be the daemon's own), so they are refused.
 */
final class CallerFile {

    /** Larger than any real ccache or keytab; the bytes are held in memory. */
    static final long MAX_SIZE = 1 << 20;

    private static final String FILE_PREFIX = "FILE:";

    private CallerFile() {}

    /**
     * The bytes of the file {@code name} ({@code FILE:/abs/path} or {@code /abs/path}) that {@code variable} names, or
     * a refusal with GSS_S_FAILURE and a minor text that names the problem and mentions only {@code name}. The
     * caller of this method zeroes the bytes.
     */
    static byte[] read(ClientEnvVar variable, String name, int uid) {
        String path = path(variable, name);
        int fd;
        try {
            fd = Posix.openExistingForReading(path);
        } catch (PosixException e) {
            throw notUsable(variable, path, uid);
        }
        try {
            FileOwner owner = Posix.owner(fd);
            if (!owner.regular() || owner.uid() != uid) {
                throw notUsable(variable, path, uid);
            }
            byte[] bytes = owner.size() > MAX_SIZE ? null : read(fd);
            if (bytes == null) {
                throw refused(Errno.EINVAL, "the " + variable + " " + kind(variable) + " " + path
                        + " is larger than " + MAX_SIZE + " bytes");
            }
            return bytes;
        } finally {
            Posix.close(fd);
        }
    }

    /** What the variable names, as MIT calls it. */
    static String kind(ClientEnvVar variable) {
        return variable == ClientEnvVar.KRB5CCNAME ? "ccache" : "keytab";
    }

    /**
     * The checked file's bytes, read through its descriptor, or null if it has grown past {@link #MAX_SIZE} since
     * the check (the caller may still write to its file).
     */
    private static byte[] read(int fd) {
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/fd/" + fd))) {
            byte[] bytes = in.readNBytes((int) MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) {
                Arrays.fill(bytes, (byte) 0);
                return null;
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a checked caller file descriptor", e);
        }
    }

    private static String path(ClientEnvVar variable, String name) {
        int colon = name.indexOf(':');
        boolean typed = colon > 0 && !name.startsWith("/");
        String kind = kind(variable);
        if (typed && !name.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())) {
            String type = name.substring(0, Math.min(colon, 16)).toUpperCase(Locale.ROOT);
            throw refused(Errno.EINVAL, variable + " names a " + type + " " + kind + "; gssproxy4j takes"
                    + " only FILE " + kind + "s from callers, since it cannot check who owns " + otherTypes(variable)
                    + " on an object it holds. Use a FILE " + kind + " (e.g. " + variable + "=FILE:"
                    + example(variable) + ")");
        }
        String path = typed ? name.substring(FILE_PREFIX.length()) : name;
        if (!path.startsWith("/")) {
            throw refused(Errno.EINVAL, "the " + variable + " " + kind + " must be named by an absolute"
                    + " path, got a relative one (the daemon's working directory is not the caller's)");
        }
        return path;
    }

    private static String otherTypes(ClientEnvVar variable) {
        return variable == ClientEnvVar.KRB5CCNAME ? "a KEYRING, KCM, DIR, API or MEMORY cache"
                : "a MEMORY, WRFILE or other keytab";
    }

    private static String example(ClientEnvVar variable) {
        return switch (variable) {
            case KRB5CCNAME -> "/tmp/krb5cc_$UID";
            case KRB5_CLIENT_KTNAME -> "$HOME/client.keytab";
            case KRB5_KTNAME -> "$HOME/service.keytab";
        };
    }

    /**
     * One text for a file that does not open and one the caller does not own: the daemon opens as root, so telling
     * them apart would tell the caller whether a file exists where it cannot look.
     */
    private static RuntimeException notUsable(ClientEnvVar variable, String path, int uid) {
        return refused(Errno.EACCES, "the " + variable + " " + kind(variable) + " " + path + " cannot be"
                + " used: the daemon takes only an existing regular file owned by the caller (uid "
                + Integer.toUnsignedString(uid) + "), not reached through a symbolic link");
    }

    private static RuntimeException refused(Errno errno, String explanation) {
        return GssErrors.of(MajorStatus.GSS_S_FAILURE, errno, Oid.KRB5, explanation);
    }
}
