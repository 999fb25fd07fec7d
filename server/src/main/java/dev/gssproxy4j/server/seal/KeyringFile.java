package dev.gssproxy4j.server.seal;

import dev.gssproxy4j.mech.posix.Posix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File-system side of the {@link Keyring}: ownership and mode checks, bounded reads and crash-safe writes. A write
 * goes to a 0600 temporary file in the same directory, is fsync'd, atomically renamed over the keyring and the
 * directory is fsync'd, so a crash leaves either the old or the new keyring, never a torn one.
 */
final class KeyringFile {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    /** A keyring of {@link KeyringFormat#MAX_ENTRIES} keys is about 500 KiB. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private KeyringFile() {
    }

    /** Reads the keyring after checking that only the daemon's uid can read or change it. */
    static byte[] readChecked(Path file) throws IOException {
        PosixFileAttributes attrs = attributes(file);
        if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
            throw new IOException("keyring " + file + " is not a regular file (symbolic links are refused so the"
                    + " file that is checked is the file that is read). Fix: point the keyring setting at the file"
                    + " itself");
        }
        long owner = ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        long self = currentUid();
        if (owner != self) {
            throw new IOException("keyring " + file + " is owned by uid " + owner + " but the daemon runs as uid "
                    + self + ", so another user can replace its keys. Fix: chown " + self + " " + file
                    + " && chmod 600 " + file);
        }
        Set<PosixFilePermission> mode = attrs.permissions();
        if (!FILE_MODE.containsAll(mode)) {
            throw new IOException("keyring " + file + " has mode " + PosixFilePermissions.toString(mode)
                    + ": group or other users can access its secret keys. Fix: chmod 600 " + file
                    + " (and, if others may have read it, rotate by moving it away)");
        }
        if (attrs.size() > MAX_FILE_BYTES) {
            throw new IOException("keyring " + file + " is " + attrs.size() + " bytes, over the " + MAX_FILE_BYTES
                    + "-byte cap. Fix: restore it from a backup");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) MAX_FILE_BYTES + 1);
            while (channel.read(buffer) > 0 && buffer.hasRemaining()) {
                // keep reading: the file may be larger now than when its size was checked
            }
            if (!buffer.hasRemaining()) {
                throw new IOException("keyring " + file + " grew over the " + MAX_FILE_BYTES + "-byte cap while read");
            }
            byte[] content = new byte[buffer.position()];
            buffer.flip().get(content);
            return content;
        }
    }

    /** Replaces {@code file} with {@code content}, creating a missing parent directory with mode 0700. */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            Files.setPosixFilePermissions(dir, DIR_MODE); // the umask may have narrowed it; never widen it
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(FILE_MODE));
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot atomically replace keyring " + file + ": " + e.getMessage(), e);
            }
            moved = true;
            try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
                dirChannel.force(true); // make the rename itself durable
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** The daemon's real uid. */
    static long currentUid() {
        return Posix.getuid();
    }

    private static PosixFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new IOException("keyring " + file + " is on a file system without POSIX permissions, so its"
                    + " secrecy cannot be checked. Fix: keep the keyring on a local POSIX file system", e);
        }
    }
}
