package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.FileOwner;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A FILE ccache a caller named for STORE_CRED, opened by the daemon and checked on the open descriptor: an existing
 * regular file with one link, reached without a symbolic link as its last component, owned by the caller's uid.
 * MIT never sees the caller's path: its {@code fcc_initialize} unlinks the named file and creates it anew, which as
 * root would delete whatever the caller names and leave a root-owned file. So MIT writes into a fresh ccache in a
 * private 0700 directory of the daemon ({@link #store}), and those bytes are written through
 * {@code /proc/self/fd/N}, i.e. into exactly the file that was checked, however the path changes meanwhile (a caller
 * swapping in a link to {@code /etc/shadow} after the check gains nothing). The file must exist: one the daemon
 * created would be root's, and creating it as the caller needs no daemon. It is truncated, written and set to
 * mode 0600 in place; its owner stays the caller.
 */
public final class OwnedCcacheFile implements AutoCloseable {

    private static final int MAX_PATH = 4096;

    private final int fd;

    private OwnedCcacheFile(int fd) {
        this.fd = fd;
    }

    /**
     * Opens the ccache {@code name} ({@code FILE:/abs/path} or {@code /abs/path}) for {@code uid}, or refuses with
     * GSS_S_FAILURE and a line naming the problem.
     */
    public static OwnedCcacheFile open(String name, int uid) {
        String path = name.startsWith("FILE:") ? name.substring("FILE:".length()) : name;
        if (!path.startsWith("/") || path.length() > MAX_PATH || path.indexOf('\0') >= 0) {
            throw refused(Errno.EINVAL, "STORE_CRED stores only into a FILE ccache named by an absolute"
                    + " path (option ccache = FILE:/path); other ccache types are not supported");
        }
        int fd;
        try {
            fd = Posix.openExistingForWriting(path);
        } catch (PosixException e) {
            throw GssErrors.ofSystemErrno(MajorStatus.GSS_S_FAILURE, e.errno(), Oid.KRB5, "cannot open the ccache "
                    + path + " (" + e.getMessage() + "): create it"
                    + " first as the calling user (e.g. touch it), not through a symbolic link");
        }
        try {
            FileOwner owner = Posix.owner(fd);
            if (!owner.regular() || owner.uid() != uid || owner.links() != 1) {
                throw refused(Errno.EACCES, "the ccache " + path + " must be a regular file with one link"
                        + " owned by the caller (uid " + Integer.toUnsignedString(uid) + ")");
            }
            return new OwnedCcacheFile(fd);
        } catch (RuntimeException e) {
            Posix.close(fd);
            throw e;
        }
    }

    /** Whether the file holds anything (a ccache that {@code overwrite_cred} false must not replace). */
    public boolean isEmpty() throws IOException {
        return Files.size(checked()) == 0;
    }

    /**
     * Runs {@code writer} with the name of a fresh FILE ccache in a private directory, then replaces the checked
     * file's contents with what it wrote. The private copy is deleted either way.
     */
    public <T> T store(Function<String, T> writer) throws IOException {
        Path dir = Files.createTempDirectory("gssproxy4j-store-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path staged = dir.resolve("ccache");
        try {
            T result = writer.apply("FILE:" + staged);
            byte[] bytes = Files.readAllBytes(staged);
            try (FileChannel out = FileChannel.open(checked(), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(bytes));
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            Files.setPosixFilePermissions(checked(), PosixFilePermissions.fromString("rw-------"));
            return result;
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(dir);
        }
    }

    /** The checked file itself: the descriptor's magic link, which reopens that inode, not the caller's path. */
    private Path checked() {
        return Path.of("/proc/self/fd/" + fd);
    }

    @Override
    public void close() {
        Posix.close(fd);
    }

    private static RuntimeException refused(Errno errno, String explanation) {
        return GssErrors.of(MajorStatus.GSS_S_FAILURE, errno, Oid.KRB5, explanation);
    }
}
