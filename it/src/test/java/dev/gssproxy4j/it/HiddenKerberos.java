package dev.gssproxy4j.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A machine without the Kerberos packages, as far as one command can tell: a {@code PATH} of links to every
 * program on this one's but the Kerberos programs; and, as root, those programs covered by {@code /dev/null} where
 * they are installed, in a private mount namespace ({@code unshare -m}), since code that looks in {@code /usr/sbin}
 * by itself (testkit's {@code Programs} does) would still find them.
 */
final class HiddenKerberos {

    /** What krb5-user, krb5-kdc, krb5-admin-server, krb5-gss-samples and gssproxy install that a test might run. */
    static final List<String> PROGRAMS = List.of("kinit", "klist", "kvno", "kdestroy", "ktutil", "kadmin",
            "kadmin.local", "kdb5_util", "krb5kdc", "kadmind", "kprop", "gss-server", "gss-client", "gssproxy");
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    private final Path bin;
    private final Set<Path> installed;

    private HiddenKerberos(Path bin, Set<Path> installed) {
        this.bin = bin;
        this.installed = installed;
    }

    /** Makes the {@code PATH} directory under {@code dir}. */
    static HiddenKerberos in(Path dir) {
        Path bin = dir.resolve("path-without-kerberos");
        try {
            Files.createDirectories(bin);
            for (Path source : searchPath()) {
                if (!Files.isDirectory(source)) {
                    continue;
                }
                try (Stream<Path> programs = Files.list(source)) {
                    for (Path program : (Iterable<Path>) programs::iterator) {
                        String name = program.getFileName().toString();
                        Path link = bin.resolve(name);
                        if (!PROGRAMS.contains(name) && Files.isExecutable(program) && Files.notExists(link)) {
                            Files.createSymbolicLink(link, program.toAbsolutePath());
                        }
                    }
                }
            }
            Set<Path> installed = new LinkedHashSet<>();
            for (Path system : SYSTEM_DIRS) {
                for (String name : PROGRAMS) {
                    Path program = system.resolve(name);
                    if (Files.isRegularFile(program)) {
                        installed.add(program.toRealPath());
                    }
                }
            }
            return new HiddenKerberos(bin, installed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a command that must not find the programs. */
    Map<String, String> environment() {
        return Map.of("PATH", bin.toString());
    }

    /**
     * The words that run a command on this machine without the programs: as root, a private mount namespace in which
     * each installed one is covered; then a line "visible: X" for each that is still found ({@link #visible}).
     */
    List<String> wrap() {
        StringBuilder script = new StringBuilder("set -e\n");
        boolean root = dev.gssproxy4j.testkit.interop.LocalUsers.runningAsRoot();
        if (root) {
            for (Path program : installed) {
                script.append("mount --bind /dev/null '").append(program).append("'\n");
            }
        }
        script.append("for p in ").append(String.join(" ", PROGRAMS)).append("; do\n")
                .append("  if command -v \"$p\" >/dev/null; then echo \"visible: $(command -v \"$p\")\"; fi\n")
                .append("  for d in ").append(SYSTEM_DIRS.stream().map(Path::toString)
                        .collect(Collectors.joining(" "))).append("; do\n")
                .append("    if [ -f \"$d/$p\" ]; then echo \"visible: $d/$p\"; fi\n")
                .append("  done\ndone\n")
                .append("exec \"$@\"\n");
        List<String> words = new ArrayList<>();
        if (root) {
            words.addAll(List.of("/usr/bin/unshare", "--mount", "--propagation", "private"));
        }
        words.addAll(List.of("/bin/sh", "-c", script.toString(), "sh"));
        return words;
    }

    /** The "visible: X" lines of a command run through {@link #wrap()}, joined; empty if every program was hidden. */
    String visible(String stdout) {
        return stdout.lines().filter(line -> line.startsWith("visible: ")).collect(Collectors.joining("\n"));
    }

    private static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                dirs.add(Path.of(entry));
            }
        }
        dirs.addAll(SYSTEM_DIRS); // the sbin directories too: a root shell has them
        return dirs;
    }
}
