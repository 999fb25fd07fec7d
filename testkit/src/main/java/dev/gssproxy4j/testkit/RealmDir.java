package dev.gssproxy4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The temporary directory of a realm, the fixed file names inside it, and the environment that points at them. */
record RealmDir(Path root) {

    static final String KRB5_CONF = "krb5.conf";
    static final String RCACHE_DIR = "rcache";

    /** Creates {@code /tmp/gssproxy4j-<realm>-NNN} (mode 0755) with a replay cache directory (mode 1777). */
    static RealmDir create(String realmName) {
        try {
            Path root = Files.createTempDirectory("gssproxy4j-" + realmName.toLowerCase(Locale.ROOT) + "-");
            // Readable by all so that programs started as another uid (ChildProcess.asUser) can read krb5.conf.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path rcache = Files.createDirectory(root.resolve(RCACHE_DIR));
            // Like /var/tmp: every uid may create its replay cache, none may remove another's.
            Files.setAttribute(rcache, "unix:mode", 01777);
            return new RealmDir(root);
        } catch (IOException e) {
            throw new RealmException("cannot create a temporary directory for realm " + realmName + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code root/fileName}, refusing names that would leave the directory. */
    Path file(String fileName) {
        if (fileName.isEmpty() || fileName.contains("/") || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("expected a plain file name inside the realm directory, got \""
                    + fileName + "\"");
        }
        return root.resolve(fileName);
    }

    /** The variables of {@link Realm#environment()}, followed by {@code extra}. */
    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5_CONFIG", root.resolve(KRB5_CONF).toString());
        env.put("KRB5CCNAME", "FILE:" + root.resolve("ccache-default"));
        env.put("KRB5_KTNAME", "FILE:" + root.resolve("default.keytab"));
        env.put("KRB5_CLIENT_KTNAME", "FILE:" + root.resolve("client.keytab"));
        env.put("KRB5RCACHEDIR", root.resolve(RCACHE_DIR).toString());
        env.putAll(extra);
        return Map.copyOf(env);
    }

    void write(String fileName, String content) {
        try {
            Files.writeString(file(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(fileName), e);
        }
    }

    /** Deletes the directory tree; best effort, since a test's cleanup must not mask its failure. */
    void delete() {
        TempDirs.deleteTree(root);
    }
}
