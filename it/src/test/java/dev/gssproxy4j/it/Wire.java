package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.CapturedRecords;
import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.dump.WireDump;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The golden records of {@code shared/wire} (system property {@code gssproxy4j.sharedDir}): whole records, mark
 * included, as upstream gssproxy 0.9.1 and its clients exchanged them; and the codecs to take them apart and to
 * build calls in the same shape.
 */
final class Wire {

    private Wire() {}

    /** {@code shared/wire/<folder>}. */
    static Path folder(String folder) {
        return CapturedRecords.folder(folder);
    }

    /** The call record whose file name starts with {@code prefix} (e.g. {@code "04"}) in {@code folder}. */
    static byte[] call(String folder, String prefix) {
        return read(folder, prefix, ".call.bin");
    }

    /** The reply record to {@link #call}. */
    static byte[] reply(String folder, String prefix) {
        return read(folder, prefix, ".reply.bin");
    }

    /** The decoded arguments of a golden call record. */
    static <A extends GssxArg> A args(byte[] callRecord, Class<A> type) {
        DecodedMessage message = decode(callRecord, Optional.empty());
        if (!(message.body() instanceof DecodedMessage.Args args)) {
            throw new IllegalArgumentException("not a GSS-Proxy call: " + message.body());
        }
        return type.cast(args.args());
    }

    /** The decoded results of a reply record (mark included) to a call of {@code procedure}. */
    static <R extends GssxRes> R results(byte[] replyRecord, Procedure procedure, Class<R> type) {
        DecodedMessage message = decode(replyRecord, Optional.of(procedure));
        if (!(message.body() instanceof DecodedMessage.Results results)) {
            throw new AssertionError("not a SUCCESS reply: " + message.header());
        }
        return type.cast(results.result());
    }

    /** A whole call record (mark included) with AUTH_NONE, as every GSS-Proxy client sends it. */
    static byte[] callRecord(int xid, Procedure procedure, GssxArg args) {
        return GssProxyMessages.encodeCall(xid, procedure, args, GssProxyMessages.MAX_RECORD);
    }

    /** A whole SUCCESS reply record (mark included). */
    static byte[] replyRecord(int xid, Procedure procedure, GssxRes result) {
        return GssProxyMessages.encodeReply(xid, procedure, result, GssProxyMessages.MAX_RECORD);
    }

    /** The xid of a whole record (after the 4-byte mark). */
    static int xid(byte[] record) {
        return ((record[4] & 0xff) << 24) | ((record[5] & 0xff) << 16) | ((record[6] & 0xff) << 8)
                | (record[7] & 0xff);
    }

    /**
     * Fails unless the two whole records are byte-identical, showing both decoded field by field (tokens and handles
     * as length and hash only) so the differing field is easy to spot.
     */
    static void assertSameRecord(byte[] expected, byte[] actual, Procedure procedure, String what) {
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(what + ": records differ (first at byte " + Arrays.mismatch(expected, actual)
                    + ")\n--- expected ---\n" + WireDump.describe(expected, Optional.of(procedure), false)
                    + "\n--- actual ---\n" + WireDump.describe(actual, Optional.of(procedure), false));
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static DecodedMessage decode(byte[] record, Optional<Procedure> procedure) {
        return GssProxyMessages.decodeMessage(record, 4, record.length, procedure, XdrLimits.DEFAULT);
    }

    private static byte[] read(String folder, String prefix, String suffix) {
        Path dir = folder(folder);
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix + "-")
                            && f.getFileName().toString().endsWith(suffix))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "-*" + suffix + " in " + dir));
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden vectors in " + dir, e);
        }
    }
}
