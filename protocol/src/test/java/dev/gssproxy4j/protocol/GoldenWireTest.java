package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.dump.WireCheck;
import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.rpc.RpcCall;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrDecodeException.Reason;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden record from the real daemon and clients decodes and re-encodes byte for byte. */
class GoldenWireTest {

    static Stream<String> validRecords() {
        return Golden.valid().stream();
    }

    @ParameterizedTest
    @MethodSource("validRecords")
    void decodesAndReencodesByteForByte(String name) throws IOException {
        byte[] record = Golden.read(name);
        byte[] message = Golden.unframe(record);
        assertEquals(record.length - 4, message.length, "record mark length of " + name);

        DecodedMessage decoded = GssProxyMessages.decodeMessage(message, 0, message.length, Golden.procedure(name),
                XdrLimits.DEFAULT);
        assertArrayEquals(record, decoded.toRecord(GssProxyMessages.MAX_RECORD), name);
        assertEquals(new WireCheck.Identical(record.length), WireCheck.check(record, Golden.procedure(name)));
    }

    @ParameterizedTest
    @MethodSource("validRecords")
    void gssProxyBodiesAreDecodedNotSkipped(String name) {
        DecodedMessage decoded = Golden.decode(name);
        boolean foreignExpected = name.startsWith("errors/0") && name.endsWith(".call.bin")
                && List.of("01", "02", "03", "04").contains(name.substring(7, 9));
        if (decoded.header() instanceof RpcCall) {
            assertEquals(foreignExpected, decoded.body() instanceof DecodedMessage.Foreign, name);
        }
        if (decoded.header() instanceof RpcReply reply && reply.body() instanceof RpcReply.Success) {
            assertInstanceOf(DecodedMessage.Results.class, decoded.body(), name);
        }
    }

    @Test
    void everyProcedureResultOfTheCapturesHasItsProcedure() {
        // errors/14 and errors/15 replies name no procedure: it comes from the matching call.
        assertEquals(Optional.of(Procedure.ACCEPT_SEC_CONTEXT), Golden.procedure("errors/14-gss-replay.reply.bin"));
        assertEquals(Optional.of(Procedure.ACCEPT_SEC_CONTEXT),
                Golden.procedure("errors/15-gss-defective-token.reply.bin"));
    }

    @Test
    void garbageArgsAreTruncatedInsideTheFirstOption() {
        XdrDecodeException e = assertThrows(XdrDecodeException.class,
                () -> Golden.decode("errors/05-garbage-args.call.bin"));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(84, e.offset());
        assertEquals("gssx_arg_accept_sec_context.call_ctx.options[0].value", e.field());
    }

    @Test
    void aReplySentAsACallHasAHeaderButNoResults() {
        byte[] record = Golden.read("errors/08-msgtype-reply.call.bin");
        XdrDecodeException unknown = assertThrows(XdrDecodeException.class,
                () -> GssProxyMessages.decodeMessage(record, 4, record.length, Optional.empty(), XdrLimits.DEFAULT));
        assertEquals(Reason.BAD_VALUE, unknown.reason());
        assertEquals(28, unknown.offset());
        XdrDecodeException empty = assertThrows(XdrDecodeException.class, () -> GssProxyMessages.decodeMessage(
                record, 4, record.length, Optional.of(Procedure.INDICATE_MECHS), XdrLimits.DEFAULT));
        assertEquals(Reason.TRUNCATED, empty.reason());
        assertEquals("gssx_res_indicate_mechs.status.major_status", empty.field());
    }

    @Test
    void truncatedHeaderAndOversizeCredBodyFailInTheHeader() {
        XdrDecodeException truncated = assertThrows(XdrDecodeException.class,
                () -> Golden.decode("errors/09-truncated-header.call.bin"));
        assertEquals(Reason.TRUNCATED, truncated.reason());
        assertEquals(28, truncated.offset());
        XdrDecodeException body = assertThrows(XdrDecodeException.class,
                () -> Golden.decode("errors/10-cred-body-401.call.bin"));
        assertEquals(Reason.OVER_CAP, body.reason());
        assertEquals("cred.body", body.field());
        assertEquals(32, body.offset());
    }

    @Test
    void badRecordMarksFailInTheRecordReader() {
        // RecordReader reassembles fragments, so a lone non-last fragment leaves it waiting for the next one.
        RecordMarkingException fragment = assertThrows(RecordMarkingException.class,
                () -> Golden.unframe(Golden.read("errors/11-non-last-fragment.call.bin")));
        assertEquals(RecordMarkingException.Reason.TRUNCATED, fragment.reason());
        RecordMarkingException tooBig = assertThrows(RecordMarkingException.class,
                () -> Golden.unframe(Golden.read("errors/12-mark-too-big.call.bin")));
        assertEquals(RecordMarkingException.Reason.TOO_LARGE, tooBig.reason());
    }

    @Test
    void invalidRecordsAreReportedNotThrown() {
        for (String name : Golden.INVALID) {
            WireCheck.Result result = WireCheck.check(Golden.read(name), Golden.procedure(name));
            WireCheck.DoesNotDecode failure = assertInstanceOf(WireCheck.DoesNotDecode.class, result, name);
            assertTrue(failure.describe().contains("offset"), failure.describe());
        }
        String fragment = WireCheck.check(Golden.read("errors/11-non-last-fragment.call.bin"), Optional.empty())
                .describe();
        assertTrue(fragment.contains("last-fragment"), fragment);
        String tooBig = WireCheck.check(Golden.read("errors/12-mark-too-big.call.bin"), Optional.empty())
                .describe();
        assertTrue(tooBig.contains("1048577") && tooBig.contains("maximum"), tooBig);
    }

    @Test
    void indicateMechsRepliesOfBothScenariosDifferOnlyInTheXid() {
        byte[] accept = Golden.read("accept/01-INDICATE_MECHS.reply.bin");
        byte[] init = Golden.read("init/05-INDICATE_MECHS.reply.bin");
        assertEquals(5372, accept.length);
        assertArrayEquals(Arrays.copyOfRange(accept, 8, accept.length), Arrays.copyOfRange(init, 8, init.length));
    }
}
