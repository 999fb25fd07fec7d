package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.interop.LocalUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Sends records to the daemon from another uid: runs {@link RawCaller} in a child JVM as that uid/gid
 * ({@code setpriv}, so the test must run as root). The child's class path is a world-readable copy of the two
 * JDK-only classes it needs, because {@code target/test-classes} and root's {@code ~/.m2} may not be readable by
 * other users.
 */
final class OtherUidCalls implements AutoCloseable {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> CLASSES = List.of("RawCaller", "RawConnection", "Attacker");

    private final Path classDir;

    private OtherUidCalls(Path classDir) {
        this.classDir = classDir;
    }

    static OtherUidCalls prepare() {
        try {
            Path root = Files.createTempDirectory("gssproxy4j-rawcaller-");
            Path packageDir = Files.createDirectories(root.resolve("dev/gssproxy4j/it"));
            Path source = Path.of(RawCaller.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("dev/gssproxy4j/it");
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(OtherUidCalls::needed).toList()) {
                    Path copy = packageDir.resolve(file.getFileName());
                    Files.copy(file, copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            for (Path dir = packageDir; dir.startsWith(root); dir = dir.getParent()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return new OtherUidCalls(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the RawCaller class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code records} over one connection to {@code socket} as {@code user} and returns, per record, the
     * reply record or empty where the daemon closed the connection (later records are then not sent).
     */
    List<Optional<byte[]>> call(LocalUser user, Path socket, byte[]... records) {
        HexFormat hex = HexFormat.of();
        StringBuilder input = new StringBuilder();
        Arrays.stream(records).forEach(r -> input.append(hex.formatHex(r)).append('\n'));
        ChildProcess.Result result = ChildProcess.command(java(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                        "-cp", classDir.toString(), RawCaller.class.getName(), socket.toString())
                .asUser(user.uid(), user.gid())
                .stdin(input.toString())
                .run(RUN_TIMEOUT)
                .requireSuccess();
        return result.stdout().lines().filter(l -> !l.isBlank())
                .map(l -> l.equals(RawCaller.CLOSED) ? Optional.<byte[]>empty() : Optional.of(hex.parseHex(l)))
                .toList();
    }

    /** The one reply to a single record, or empty if the daemon closed the connection instead. */
    Optional<byte[]> callOnce(LocalUser user, Path socket, byte[] record) {
        List<Optional<byte[]>> replies = call(user, socket, record);
        if (replies.size() != 1) {
            throw new AssertionError("RawCaller printed " + replies.size() + " results for one record");
        }
        return replies.getFirst();
    }

    /**
     * Starts {@link Attacker} as {@code user} against {@code socket} and waits until its attack is in place; the
     * attack lasts until the returned process is closed.
     */
    ChildProcess attack(LocalUser user, Path socket, String mode, int count, String... extra) {
        ChildProcess attacker = attackInBackground(user, socket, mode, count, extra);
        attacker.awaitOutput("READY", RUN_TIMEOUT);
        return attacker;
    }

    /** Starts {@link Attacker} as {@code user} and returns at once, while the attack begins. */
    ChildProcess attackInBackground(LocalUser user, Path socket, String mode, int count, String... extra) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-cp", classDir.toString(), Attacker.class.getName(), socket.toString(),
                mode, Integer.toString(count)));
        command.addAll(List.of(extra));
        return ChildProcess.command(command).asUser(user.uid(), user.gid()).start();
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(classDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private static boolean needed(Path file) {
        String name = file.getFileName().toString();
        return CLASSES.stream().anyMatch(c -> name.equals(c + ".class") || name.startsWith(c + "$"));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }
}
