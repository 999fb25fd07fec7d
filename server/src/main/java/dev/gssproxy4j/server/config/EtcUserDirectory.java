package dev.gssproxy4j.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link UserDirectory} over {@code passwd(5)} and {@code group(5)} files, read on every lookup (they are small,
 * and lookups happen at config load and per templated request, so edits are seen without a reload).
 *
 * <p>Only local accounts are found; users that exist only in NSS sources such as LDAP or SSSD need the C library's
 * {@code getpwnam}, which a later {@link UserDirectory} implementation can provide.
 */
public final class EtcUserDirectory implements UserDirectory {

    private final Path passwd;
    private final Path group;

    public EtcUserDirectory(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    public static EtcUserDirectory system() {
        return new EtcUserDirectory(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    @Override
    public Optional<User> byName(String name) {
        return users().filter(u -> u.name().equals(name)).findFirst();
    }

    @Override
    public Optional<User> byUid(int uid) {
        return users().filter(u -> u.uid() == uid).findFirst();
    }

    @Override
    public List<Integer> supplementaryGroups(String userName) {
        // name:password:gid:member1,member2
        return records(group, 4)
                .filter(f -> Arrays.asList(f[3].split(",")).contains(userName))
                .map(f -> parseId(f[2]))
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    private Stream<User> users() {
        // name:password:uid:gid:gecos:home:shell
        return records(passwd, 7).flatMap(f -> {
            Optional<Integer> uid = parseId(f[2]);
            Optional<Integer> gid = parseId(f[3]);
            return uid.isPresent() && gid.isPresent()
                    ? Stream.of(new User(f[0], uid.get(), gid.get(), f[5]))
                    : Stream.empty();
        });
    }

    private static Stream<String[]> records(Path file, int fields) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("+")
                            && !line.startsWith("-"))
                    .map(line -> line.split(":", -1))
                    .filter(f -> f.length >= fields);
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Optional<Integer> parseId(String text) {
        try {
            long v = Long.parseLong(text);
            return v >= 0 && v <= Integer.MAX_VALUE ? Optional.of((int) v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
