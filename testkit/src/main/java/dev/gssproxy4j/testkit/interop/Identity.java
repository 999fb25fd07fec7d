package dev.gssproxy4j.testkit.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Who this JVM runs as, and file ownership changes the scenarios need (all of them require root). */
final class Identity {

    private Identity() {
    }

    /** The effective uid of this process: {@code /proc/self} belongs to it. */
    static int effectiveUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell this process's uid from /proc/self: " + e, e);
        }
    }

    /** Gives {@code file} to {@code user} (uid and primary gid). */
    static void chown(Path file, LocalUser user) {
        try {
            Files.setAttribute(file, "unix:uid", user.uid());
            Files.setAttribute(file, "unix:gid", user.gid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + file + " to " + user.name() + " (uid " + user.uid()
                    + "); changing owners needs root", e);
        }
    }

    /** Sets POSIX permissions such as {@code "rwx------"}. */
    static void chmod(Path file, String permissions) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot chmod " + permissions + " " + file, e);
        }
    }

    /** Creates {@code dir} (mode 0700) owned by {@code user}: its ccache, replay cache and HOME. */
    static Path privateDir(Path dir, LocalUser user) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        chmod(dir, "rwx------");
        chown(dir, user);
        return dir;
    }

    /**
     * Makes {@code keytab} readable by root only (owner root, mode 0600), as a real service keytab is: the daemon
     * (root) reads it, the service account cannot.
     */
    static Path rootOnly(Path keytab) {
        chown(keytab, LocalUser.ROOT);
        chmod(keytab, "rw-------");
        return keytab;
    }
}
