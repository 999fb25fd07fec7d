package dev.gssproxy4j.server.creds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A private copy of a caller's checked file ({@link CallerFile}) for MIT to parse: a 0600 file in a fresh 0700
 * directory of the daemon, so that a caller that changes its own file meanwhile cannot change what MIT reads, and
 * MIT never resolves the caller's path. {@link #close()} overwrites the copy with zeros and deletes it with its
 * directory. The name is random and never reused; it must not outlive the call anywhere (a sealed handle that named
 * it would name a file that is gone, in a directory others may create names in).
 */
final class CallerSnapshot implements AutoCloseable {

    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path dir;
    private final Path file;
    private final int length;

    private CallerSnapshot(Path dir, Path file, int length) {
        this.dir = dir;
        this.file = file;
        this.length = length;
    }

    /** {@code bytes} written to a new private file named {@code fileName}; the caller still zeroes its array. */
    static CallerSnapshot of(byte[] bytes, String fileName) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gssproxy4j-env-", PRIVATE_DIR);
            Path file = dir.resolve(fileName);
            CallerSnapshot snapshot = new CallerSnapshot(dir, file, bytes.length);
            Files.createFile(file, PRIVATE_FILE);
            try {
                Files.write(file, bytes, StandardOpenOption.WRITE);
            } catch (IOException e) {
                snapshot.close();
                throw e;
            }
            return snapshot;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("cannot stage a caller's file", e);
        }
    }

    /** The copy as MIT names it: {@code FILE:<path>}. */
    String name() {
        return "FILE:" + file;
    }

    /** Overwrites and deletes the copy and its directory; never throws (the call is over). */
    @Override
    public void close() {
        try {
            if (Files.exists(file)) {
                Files.write(file, new byte[length], StandardOpenOption.TRUNCATE_EXISTING);
            }
        } catch (IOException e) {
            // deleted below all the same
        }
        deleteQuietly(file);
        deleteQuietly(dir);
    }

    @Override
    public String toString() {
        return "CallerSnapshot[" + file.getFileName() + "]";
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file of the daemon's own in a 0700 directory: nothing a caller can reach
        }
    }
}
