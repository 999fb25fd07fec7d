package dev.gssproxy4j.mech.posix;

/**
 * What {@code statx(2)} says of a file, enough to tell that it changed: identity (device, inode), size, and the
 * modification and status-change times in nanoseconds. The status-change time cannot be set from user space, so a
 * rewrite that restores the old modification time (e.g. {@code cp -p}) still shows.
 */
public record FileStamp(long deviceMajor, long deviceMinor, long inode, long size, long modifiedNanos,
                        long changedNanos) {

    /** The later of the modification and status-change times, in nanoseconds since the epoch. */
    public long lastTouchedNanos() {
        return Math.max(modifiedNanos, changedNanos);
    }
}
