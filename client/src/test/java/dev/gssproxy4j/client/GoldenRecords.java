package dev.gssproxy4j.client;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Golden records from {@code shared/wire} (real upstream daemon and clients), whole with their record mark. */
final class GoldenRecords {

    private GoldenRecords() {}

    static Path wireDir() {
        String shared = System.getProperty("gssproxy4j.sharedDir");
        if (shared == null || shared.isBlank()) {
            fail("system property gssproxy4j.sharedDir is not set: run the tests through Maven (surefire sets it to "
                    + "<repo>/../shared) or pass -Dgssproxy4j.sharedDir=/path/to/shared");
        }
        Path wire = Path.of(shared, "wire");
        if (!Files.isDirectory(wire)) {
            fail("golden wire vectors not found at " + wire.toAbsolutePath() + " (gssproxy4j.sharedDir=" + shared
                    + ")");
        }
        return wire;
    }

    /** A whole record, e.g. {@code read("accept/01-INDICATE_MECHS.call.bin")}. */
    static byte[] read(String name) {
        try {
            return Files.readAllBytes(wireDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int xid(byte[] wholeRecord) {
        return ByteBuffer.wrap(wholeRecord).getInt(4);
    }

    /** A copy of {@code wholeRecord} with its xid replaced. */
    static byte[] withXid(byte[] wholeRecord, int xid) {
        byte[] copy = wholeRecord.clone();
        ByteBuffer.wrap(copy).putInt(4, xid);
        return copy;
    }

    /** The arguments of a golden call record. */
    static <A extends GssxArg> A args(String callName, Class<A> type) {
        byte[] record = read(callName);
        DecodedMessage message = GssProxyMessages.decodeMessage(record, 4, record.length, Optional.empty(),
                XdrLimits.DEFAULT);
        return type.cast(((DecodedMessage.Args) message.body()).args());
    }

    /** The results of a golden reply record to a call of {@code procedure}. */
    static <R extends GssxRes> R results(String replyName, Procedure procedure, Class<R> type) {
        byte[] record = read(replyName);
        DecodedMessage message = GssProxyMessages.decodeMessage(record, 4, record.length, Optional.of(procedure),
                XdrLimits.DEFAULT);
        return type.cast(((DecodedMessage.Results) message.body()).result());
    }
}
