package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.FileOwner;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import java.util.Locale;

/**
 * The ccache a caller named with {@code gssproxy4j.env.KRB5CCNAME}, copied into the call's private MEMORY ccache
 * after checking, on the opened file and not on its path, that the caller owns it: the daemon opens the path with
 * {@code O_NOFOLLOW} (no symbolic link as last component), {@code statx}es the descriptor, requires a regular file
 * owned by the caller's uid, and lets MIT read that descriptor's file through {@code /proc/self/fd/N}, so MIT never
 * resolves the caller's path and a file swapped in after the check is never read. The file is only read; tickets
 * MIT adds during the call go to the private copy, and survive the call only inside the sealed credential handle
 * (MIT exports a MEMORY ccache by contents). Hard links need no rule: a link keeps its file's owner.
 *
 * <p>Only FILE ccaches: the owner of a KEYRING, KCM, DIR collection, API or MEMORY cache cannot be checked on an
 * object the daemon holds (a MEMORY name would even be the daemon's own), so they are refused.
 */
final class CallerCcacheFile {

    /** Larger than any real ccache (a TGT and a few hundred service tickets); MIT reads what it copies in memory. */
    static final long MAX_SIZE = 1 << 20;

    private static final String FILE_PREFIX = "FILE:";

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
            if (owner.size() > MAX_SIZE) {
                throw refused(gss, CredErrors.EINVAL, "the KRB5CCNAME ccache " + path + " is larger than "
                        + MAX_SIZE + " bytes");
            }
            gss.copyCcache(FILE_PREFIX + "/proc/self/fd/" + fd, target);
        } finally {
            Posix.close(fd);
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
