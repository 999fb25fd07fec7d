package dev.gssproxy4j.server.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed user directory for tests: root 0, apache 48, alice 1000, bob 1001. */
final class FakeUsers implements UserDirectory {

    static final FakeUsers INSTANCE = new FakeUsers();

    private static final Map<String, User> USERS = Map.of(
            "root", new User("root", 0, 0, "/root"),
            "apache", new User("apache", 48, 48, "/usr/share/httpd"),
            "alice", new User("alice", 1000, 1000, "/home/alice"),
            "bob", new User("bob", 1001, 1001, "/home/bob"));

    @Override
    public Optional<User> byName(String name) {
        return Optional.ofNullable(USERS.get(name));
    }

    @Override
    public Optional<User> byUid(int uid) {
        return USERS.values().stream().filter(u -> u.uid() == uid).findFirst();
    }

    @Override
    public List<Integer> supplementaryGroups(String userName) {
        return List.of();
    }
}
