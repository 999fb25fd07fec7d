package dev.gssproxy4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the MIT krb5 programs the realms and tests drive ({@code kinit}, {@code krb5kdc}, {@code gss-server}, ...).
 *
 * <p>Looks on {@code PATH} first, then in the sbin directories Debian installs the KDC tools into, because a
 * non-root {@code PATH} usually lacks {@code /usr/sbin}.
 */
public final class Programs {

    private static final List<Path> FALLBACK_DIRS =
            List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/sbin"));

    private Programs() {
    }

    /** The executable called {@code name}, if one is installed. */
    public static Optional<Path> find(String name) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                if (!entry.isEmpty()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        dirs.addAll(FALLBACK_DIRS);
        return dirs.stream()
                .map(dir -> dir.resolve(name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    /**
     * The executable called {@code name}.
     *
     * @param debianPackage the package that provides it, named in the error so the reader knows the fix
     * @throws RealmException if it is not installed
     */
    public static Path require(String name, String debianPackage) {
        return find(name).orElseThrow(() -> new RealmException(
                "`" + name + "` not found on PATH or in /usr/sbin: install the Debian package " + debianPackage));
    }
}
