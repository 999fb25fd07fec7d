package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.FileOwner;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The ccache a caller named with {@code gssproxy4j.env.KRB5CCNAME}, copied into the call's private MEMORY ccache
 * after checking, on the opened file and not on its path, that the caller owns it: the daemon opens the path with
 * {@code O_NOFOLLOW} (no symbolic link as last component), {@code statx}es the descriptor, requires a regular file
 * owned by the caller's uid, and reads at most {@link #MAX_SIZE} bytes of that same file (its {@code /proc/self/fd}
 * link). MIT parses a private snapshot of those bytes, so it never resolves the caller's path, a file swapped in
 * after the check is never read, and a file the caller changes meanwhile cannot change under MIT's parser. The file
 * is only read; tickets MIT adds during the call go to the private copy, and survive the call only inside the sealed
 * credential handle (MIT exports a MEMORY ccache by contents). Hard links need no rule: a link keeps its file's
 * owner.
 *
 * <p>Only FILE ccaches: the owner of a KEYRING, KCM, DIR collection, API or MEMORY cache cannot be checked on an
 * object the daemon holds (a MEMORY name would even be the daemon's own), so they are refused.
 */
final class CallerCcacheFile {

    /** Larger than any real ccache (a TGT and a few hundred service tickets); the snapshot is held in memory. */
    static final long MAX_SIZE = 1 << 20;

    private static final String FILE_PREFIX = "FILE:";
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private CallerCcacheFile() {}

    /**
     * Copies the caller's ccache {@code name} ({@code FILE:/abs/path} or {@code /abs/path}) into {@code target}, or
     * refuses with GSS_S_FAILURE and a minor text that names the problem and mentions only {@code name}.
     */
    static void copyInto(Gss gss, String name, int uid, String target) {
        String path = path(gss, name);
        int fd;
        try {
            fd = Posix.openExistingForReading(path);
        } catch (PosixException e) {
            throw notUsable(gss, path, uid);
        }
        try {
            FileOwner owner = Posix.owner(fd);
            if (!owner.regular() || owner.uid() != uid) {
                throw notUsable(gss, path, uid);
            }
            byte[] bytes = owner.size() > MAX_SIZE ? null : read(fd);
            if (bytes == null) {
                throw refused(gss, CredErrors.EINVAL, "the KRB5CCNAME ccache " + path + " is larger than "
                        + MAX_SIZE + " bytes");
            }
            try {
                copyStaged(gss, bytes, target);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } finally {
            Posix.close(fd);
        }
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
            throw new UncheckedIOException("cannot read a checked ccache descriptor", e);
        }
    }

    /**
     * MIT parses a private snapshot in a 0700 directory of the daemon, not the caller's file, which the caller could
     * change while MIT reads it; the snapshot is overwritten and deleted once copied.
     */
    private static void copyStaged(Gss gss, byte[] bytes, String target) {
        Path dir = null;
        Path staged = null;
        try {
            dir = Files.createTempDirectory("gssproxy4j-env-", PRIVATE_DIR);
            staged = dir.resolve("ccache");
            Files.createFile(staged, PRIVATE_FILE);
            Files.write(staged, bytes, StandardOpenOption.WRITE);
            gss.copyCcache(FILE_PREFIX + staged, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage a caller's ccache", e);
        } finally {
            deleteQuietly(staged, bytes.length);
            deleteQuietly(dir, 0);
        }
    }

    private static void deleteQuietly(Path path, int overwrite) {
        if (path == null) {
            return;
        }
        try {
            if (overwrite > 0 && Files.exists(path)) {
                Files.write(path, new byte[overwrite], StandardOpenOption.TRUNCATE_EXISTING);
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file of the daemon's own in a 0700 directory: nothing a caller can reach
        }
    }

    private static String path(Gss gss, String name) {
        int colon = name.indexOf(':');
        boolean typed = colon > 0 && !name.startsWith("/");
        if (typed && !name.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())) {
            String type = name.substring(0, Math.min(colon, 16)).toUpperCase(Locale.ROOT);
            throw refused(gss, CredErrors.EINVAL, "KRB5CCNAME names a " + type + " ccache; gssproxy4j takes only FILE"
                    + " ccaches from callers, since it cannot check who owns a KEYRING, KCM, DIR, API or MEMORY"
                    + " cache on an object it holds. Use a FILE ccache (e.g. KRB5CCNAME=FILE:/tmp/krb5cc_$UID)");
        }
        String path = typed ? name.substring(FILE_PREFIX.length()) : name;
        if (!path.startsWith("/")) {
            throw refused(gss, CredErrors.EINVAL, "the KRB5CCNAME ccache must be named by an absolute path, got a"
                    + " relative one (the daemon's working directory is not the caller's)");
        }
        return path;
    }

    /**
     * One text for a file that does not open and one the caller does not own: the daemon opens as root, so telling
     * them apart would tell the caller whether a file exists where it cannot look.
     */
    private static RuntimeException notUsable(Gss gss, String path, int uid) {
        return refused(gss, CredErrors.EACCES, "the KRB5CCNAME ccache " + path + " cannot be used: the daemon takes"
                + " only an existing regular file owned by the caller (uid " + Integer.toUnsignedString(uid)
                + "), not reached through a symbolic link");
    }

    private static RuntimeException refused(Gss gss, long errno, String explanation) {
        return CredErrors.of(gss, MajorStatus.GSS_S_FAILURE, errno, Oid.KRB5, explanation);
    }
}
