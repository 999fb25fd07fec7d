package dev.gssproxy4j.server.config;

import java.util.List;
import java.util.Optional;

/**
 * Looks up local users and groups: what upstream gets from {@code getpwnam} (for {@code euid = NAME}),
 * {@code getpwuid_r} (for {@code %u}) and {@code initgroups} (for {@code run_as_user}). An interface so tests can
 * fake it and a later implementation can call the C library (NSS: LDAP, SSSD) instead of reading files.
 */
public interface UserDirectory {

    /** A passwd entry. */
    record User(String name, int uid, int gid, String home) {
    }

    Optional<User> byName(String name);

    Optional<User> byUid(int uid);

    /** The gids of the groups that list {@code userName} as a member (supplementary groups, without the primary). */
    List<Integer> supplementaryGroups(String userName);

    /** The local files {@code /etc/passwd} and {@code /etc/group}. */
    static UserDirectory system() {
        return EtcUserDirectory.system();
    }
}
