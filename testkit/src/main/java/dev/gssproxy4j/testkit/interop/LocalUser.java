package dev.gssproxy4j.testkit.interop;

/**
 * A local account a sample program runs as: its name, uid and primary gid. The daemon identifies callers by the
 * uid {@code SO_PEERCRED} reports and matches it against a service's {@code euid}.
 */
public record LocalUser(String name, int uid, int gid) {

    /** The superuser, for programs that run as the test JVM itself (which must be root). */
    public static final LocalUser ROOT = new LocalUser("root", 0, 0);

    public LocalUser {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a local user needs a name");
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must be >= 0, got " + uid + "/" + gid + " for " + name);
        }
    }

    public boolean isRoot() {
        return uid == 0;
    }
}
