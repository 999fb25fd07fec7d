package dev.gssproxy4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The records captured between real clients and upstream gssproxy in {@code shared/wire} (see its README): whole
 * records as they crossed the socket, record mark included. The one place tests find them: the system property
 * {@code gssproxy4j.sharedDir} (Maven's surefire sets it to the {@code shared/} checkout beside the repository),
 * else the environment variable {@code GSSPROXY4J_SHARED_DIR}, else {@code ../../shared} from the module directory.
 */
public final class CapturedRecords {

    /** Captured records the capture made invalid on purpose (errors/ of shared/wire/README.md). */
    public static final List<String> INVALID = List.of("errors/05-garbage-args.call.bin",
            "errors/08-msgtype-reply.call.bin", "errors/09-truncated-header.call.bin",
            "errors/10-cred-body-401.call.bin", "errors/11-non-last-fragment.call.bin",
            "errors/12-mark-too-big.call.bin");

    private CapturedRecords() {}

    /** The {@code shared/} directory; fails with what to set when it cannot be found. */
    public static Path sharedDir() {
        String configured = System.getProperty("gssproxy4j.sharedDir", System.getenv("GSSPROXY4J_SHARED_DIR"));
        Path shared = configured == null || configured.isBlank() ? Path.of("..", "..", "shared") : Path.of(configured);
        if (!Files.isDirectory(shared.resolve("wire"))) {
            throw new IllegalStateException("the captured records (shared/wire) are not at "
                    + shared.resolve("wire").toAbsolutePath() + ": run the tests through Maven, which sets "
                    + "-Dgssproxy4j.sharedDir to the shared/ checkout beside the repository, or set that property"
                    + " (or GSSPROXY4J_SHARED_DIR)");
        }
        return shared;
    }

    /** {@code shared/wire}. */
    public static Path wireDir() {
        return sharedDir().resolve("wire");
    }

    /** {@code shared/wire/<scenario>}, e.g. {@code folder("errors")}. */
    public static Path folder(String scenario) {
        Path dir = wireDir().resolve(scenario);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no captured scenario " + scenario + " under " + wireDir());
        }
        return dir;
    }

    /** The file of a record (or other capture file) by its name under {@code wire/}, for tools that take a path. */
    public static Path file(String name) {
        return wireDir().resolve(name);
    }

    /** A whole record by its name under {@code wire/}, e.g. {@code read("accept/01-INDICATE_MECHS.call.bin")}. */
    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record ({@code *.bin}, not the provenance under {@code raw/}) by name under {@code wire/}, sorted. */
    public static List<String> all() {
        Path wire = wireDir();
        try (Stream<Path> files = Files.walk(wire)) {
            return files.filter(p -> p.toString().endsWith(".bin"))
                    .map(p -> wire.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.contains("/raw/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The call records ({@code *.call.bin}) of one scenario by name under {@code wire/}, in connection order. */
    public static List<String> calls(String scenario) {
        return all().stream().filter(name -> name.startsWith(scenario + "/") && name.endsWith(".call.bin")).toList();
    }

    /** The reply record captured for {@code callName}, if upstream answered it. */
    public static Optional<byte[]> replyTo(String callName) {
        String reply = callName.replace(".call.bin", ".reply.bin");
        return Files.exists(wireDir().resolve(reply)) ? Optional.of(read(reply)) : Optional.empty();
    }
}
