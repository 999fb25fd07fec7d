package dev.gssproxy4j.mech.posix;

/** The fields of {@code struct passwd} (getpwnam_r(3)) the daemon uses. */
public record PasswdEntry(String name, int uid, int gid, String home, String shell) {
}
