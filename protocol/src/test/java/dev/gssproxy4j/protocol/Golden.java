package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gssproxy4j.protocol.dump.WireDump;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The golden records under {@code shared/wire}, captured from the real upstream daemon and its clients. */
public final class Golden {

    /** Records that are deliberately not valid (see shared/wire/README.md, errors/). */
    public static final Set<String> INVALID = Set.of("errors/05-garbage-args.call.bin",
            "errors/08-msgtype-reply.call.bin", "errors/09-truncated-header.call.bin",
            "errors/10-cred-body-401.call.bin", "errors/11-non-last-fragment.call.bin",
            "errors/12-mark-too-big.call.bin");

    private Golden() {}

    /** {@code <sharedDir>/wire}; fails the test with instructions if the property or directory is missing. */
    public static Path wireDir() {
        String shared = System.getProperty("gssproxy4j.sharedDir");
        if (shared == null || shared.isBlank()) {
            fail("system property gssproxy4j.sharedDir is not set: run the tests through Maven (surefire sets it to "
                    + "<repo>/../shared) or pass -Dgssproxy4j.sharedDir=/path/to/shared");
        }
        Path wire = Path.of(shared, "wire");
        if (!Files.isDirectory(wire)) {
            fail("golden wire vectors not found at " + wire.toAbsolutePath()
                    + " (gssproxy4j.sharedDir=" + shared + "); the shared/ checkout must sit next to the repository");
        }
        return wire;
    }

    /** Every record {@code *.bin} under {@code wire/} (not {@code raw/}), relative to it, e.g. {@code accept/01-...}. */
    public static List<String> all() {
        Path wire = wireDir();
        try (Stream<Path> files = Files.walk(wire)) {
            // raw/ holds provenance (e.g. kernel/raw/*-input-token-*.bin are bare AP-REQs), not records.
            List<String> names = files.filter(p -> p.toString().endsWith(".bin"))
                    .map(p -> wire.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.contains("/raw/")).sorted().toList();
            if (names.size() < 40) {
                fail("expected the ~50 golden records under " + wire + ", found " + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> valid() {
        return all().stream().filter(name -> !INVALID.contains(name)).toList();
    }

    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(wireDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The procedure of a record: from its file name, else (for replies) from the matching call record. */
    public static Optional<Procedure> procedure(String name) {
        Optional<Procedure> fromName = Procedure.fromFileName(Path.of(name).getFileName().toString());
        if (fromName.isPresent() || !name.endsWith(".reply.bin")) {
            return fromName;
        }
        Path call = wireDir().resolve(name.replace(".reply.bin", ".call.bin"));
        try {
            return Files.exists(call) ? WireDump.procedureOfCall(Files.readAllBytes(call)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record without its mark, read through the real {@link RecordReader}. */
    public static byte[] unframe(byte[] record) throws IOException {
        return new RecordReader(Channels.newChannel(new ByteArrayInputStream(record))).read();
    }

    /** Decodes a whole golden record (header and body). */
    public static DecodedMessage decode(String name) {
        byte[] record = read(name);
        return GssProxyMessages.decodeMessage(record, 4, record.length, procedure(name), XdrLimits.DEFAULT);
    }
}
