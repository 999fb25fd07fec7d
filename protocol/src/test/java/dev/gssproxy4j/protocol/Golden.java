package dev.gssproxy4j.protocol;

import dev.gssproxy4j.testkit.CapturedRecords;
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

/** The golden records under {@code shared/wire}, captured from the real upstream daemon and its clients. */
public final class Golden {

    /** Records that are deliberately not valid (see shared/wire/README.md, errors/). */
    public static final Set<String> INVALID = Set.copyOf(CapturedRecords.INVALID);

    private Golden() {}

    /** {@code <sharedDir>/wire}; fails the test with instructions if the property or directory is missing. */
    public static Path wireDir() {
        return CapturedRecords.wireDir();
    }

    /** Every record {@code *.bin} under {@code wire/} (not {@code raw/}), relative to it, e.g. {@code accept/01-...}. */
    public static List<String> all() {
        List<String> names = CapturedRecords.all();
        if (names.size() < 40) {
            fail("expected the ~50 golden records under " + wireDir() + ", found " + names.size());
        }
        return names;
    }

    public static List<String> valid() {
        return all().stream().filter(name -> !INVALID.contains(name)).toList();
    }

    public static byte[] read(String name) {
        return CapturedRecords.read(name);
    }

    /** The procedure of a record: from its file name, else (for replies) from the matching call record. */
    public static Optional<Procedure> procedure(String name) {
        Optional<Procedure> fromName = Procedure.fromFileName(Path.of(name).getFileName().toString());
        if (fromName.isPresent() || !name.endsWith(".reply.bin")) {
            return fromName;
        }
        Path call = CapturedRecords.file(name.replace(".reply.bin", ".call.bin"));
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
