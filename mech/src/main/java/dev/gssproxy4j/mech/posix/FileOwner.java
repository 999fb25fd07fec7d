package dev.gssproxy4j.mech.posix;

/**
 * What {@code statx(2)} says of an open file's ownership.
 *
 * @param uid     the owner
 * @param regular a regular file (not a directory, device, FIFO or socket)
 * @param links   hard links to it
 * @param size    its size in bytes
 */
public record FileOwner(int uid, boolean regular, int links, long size) {}
