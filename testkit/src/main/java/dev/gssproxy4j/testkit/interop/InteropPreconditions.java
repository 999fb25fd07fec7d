package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the interop scenarios need from the machine, as a list of human-readable gaps, so that tests skip with the
 * fix in the message ({@code assumeTrue(missing.isEmpty(), String.join("; ", missing))}) rather than fail.
 */
public final class InteropPreconditions {

    /** Where MIT's mechglue reads plugin declarations; gssproxy installs {@code proxymech.conf} there. */
    public static final Path MECH_D = Path.of("/etc/gss/mech.d");

    private InteropPreconditions() {
    }

    /** Gaps for running the sample programs through a proxy daemon (ours or upstream's). */
    public static List<String> missingForSamples() {
        List<String> missing = new ArrayList<>();
        if (!LocalUsers.runningAsRoot()) {
            missing.add("must run as root (creates local users, runs programs as them, keeps keytabs root-only)");
        }
        requireProgram(missing, "gss-server", "krb5-gss-samples");
        requireProgram(missing, "gss-client", "krb5-gss-samples");
        requireProgram(missing, "kinit", "krb5-user");
        requireProgram(missing, "setpriv", "util-linux");
        requireProgram(missing, "useradd", "passwd");
        if (!interposerDeclared()) {
            missing.add("no interposer plugin declared in " + MECH_D + " (a line naming proxymech.so with "
                    + "<interposer>): install the Debian package gssproxy");
        }
        return missing;
    }

    /** {@link #missingForSamples()} plus the upstream daemon. */
    public static List<String> missingForUpstream() {
        List<String> missing = missingForSamples();
        if (!Files.isExecutable(UpstreamGssproxy.BINARY)) {
            missing.add(UpstreamGssproxy.BINARY + " not installed: install the Debian package gssproxy");
        }
        return missing;
    }

    private static void requireProgram(List<String> missing, String name, String debianPackage) {
        if (Programs.find(name).isEmpty()) {
            missing.add("`" + name + "` not found: install the Debian package " + debianPackage);
        }
    }

    private static boolean interposerDeclared() {
        if (!Files.isDirectory(MECH_D)) {
            return false;
        }
        try (Stream<Path> files = Files.list(MECH_D)) {
            return files.filter(Files::isRegularFile).anyMatch(InteropPreconditions::declaresInterposer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + MECH_D, e);
        }
    }

    private static boolean declaresInterposer(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .anyMatch(line -> !line.startsWith("#") && line.contains("proxymech.so")
                            && line.contains("<interposer>"));
        } catch (IOException e) {
            return false;
        }
    }
}
