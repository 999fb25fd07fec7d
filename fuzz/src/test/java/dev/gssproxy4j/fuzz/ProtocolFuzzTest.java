package dev.gssproxy4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.DecodedReply;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.rpc.RecordWriter;
import dev.gssproxy4j.rpc.RpcCall;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Optional;

/**
 * The GSS-Proxy codecs: every procedure's argument decoder, whole call records as the daemon reads them, and the
 * reply decoder the client uses. Decoding may only fail with {@link XdrDecodeException} (framing with
 * {@link RecordMarkingException}); whatever decodes must re-encode to the same length and decode to an equal value.
 */
class ProtocolFuzzTest {

    private static final Procedure[] PROCEDURES = Procedure.values();
    /** Tight caps, so that the over-cap paths are reached with small inputs too. */
    private static final XdrLimits TIGHT = new XdrLimits(64, 4);

    /**
     * Input: byte 0 picks the procedure ({@code (b & 0x7f) % 15}, wire number minus one for 0..14) and, with its
     * top bit set, the tight limits; the rest are the procedure's arguments, as after a call header.
     */
    @FuzzTest
    void callArgs(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Procedure procedure = procedure(input[0]);
        XdrLimits limits = (input[0] & 0x80) != 0 ? TIGHT : XdrLimits.DEFAULT;
        GssxArg args;
        try {
            args = GssProxyMessages.decodeCallArgs(procedure, new XdrReader(input, 1, input.length, limits));
        } catch (XdrDecodeException e) {
            return;
        }
        assertInstanceOf(procedure.argType(), args);

        byte[] record = GssProxyMessages.encodeCall(7, procedure, args, GssProxyMessages.MAX_RECORD);
        DecodedMessage again = GssProxyMessages.decodeMessage(record, 4, record.length, Optional.empty(), limits);
        assertEquals(input.length - 1, record.length - again.bodyOffset(), "re-encoded arguments' length");
        assertEquals(new DecodedMessage.Args(procedure, args), again.body(), "arguments after a round trip");
    }

    /**
     * Input: a byte stream as a client writes it to the daemon's socket: record marks, RPC call headers, arguments.
     * Each record is decoded the way the daemon decodes it (header, then the procedure's arguments).
     */
    @FuzzTest
    void callRecord(byte[] stream) throws IOException {
        RecordReader records = new RecordReader(Channels.newChannel(new ByteArrayInputStream(stream)),
                GssProxyMessages.MAX_RECORD);
        while (true) {
            byte[] record;
            try {
                record = records.read();
            } catch (RecordMarkingException e) {
                return;
            }
            if (record == null) {
                return;
            }
            DecodedMessage message;
            try {
                message = GssProxyMessages.decodeMessage(record, 0, record.length, Optional.empty(),
                        XdrLimits.DEFAULT);
            } catch (XdrDecodeException e) {
                continue;
            }
            if (message.header() instanceof RpcCall call) {
                assertEquals(GssProxyMessages.procedureOf(call).isPresent(),
                        message.body() instanceof DecodedMessage.Args, "arguments decoded iff the call is ours");
            }
            byte[] again = message.toRecord(GssProxyMessages.MAX_RECORD);
            assertEquals(record.length + 4, again.length, "re-encoded record's length");
            DecodedMessage decodedAgain = GssProxyMessages.decodeMessage(again, 4, again.length, Optional.empty(),
                    XdrLimits.DEFAULT);
            assertEquals(message.header(), decodedAgain.header(), "header after a round trip");
            assertEquals(message.body(), decodedAgain.body(), "body after a round trip");
        }
    }

    /**
     * Input: byte 0 picks the procedure of the call being answered (as in {@link #callArgs}), the rest is the
     * reply record without its mark, as the client's {@link RecordReader} returns it.
     */
    @FuzzTest
    void replyRecord(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Procedure procedure = procedure(input[0]);
        byte[] record = Arrays.copyOfRange(input, 1, input.length);
        DecodedReply reply;
        try {
            reply = GssProxyMessages.decodeReply(procedure, record);
        } catch (XdrDecodeException e) {
            return;
        }
        assertEquals(reply.isSuccess(), reply.result().isPresent(), "results iff MSG_ACCEPTED/SUCCESS");
        // Not encodeReply: it writes the AUTH_NONE verifier our daemon sends, and a peer's may be any flavour.
        XdrWriter writer = RecordWriter.start(GssProxyMessages.MAX_RECORD);
        reply.header().encode(writer);
        reply.result().ifPresent(result -> {
            assertInstanceOf(procedure.resultType(), result);
            procedure.encodeResult(writer, result);
        });
        byte[] again = RecordWriter.finish(writer);
        assertEquals(record.length + 4, again.length, "re-encoded reply's length");
        assertEquals(reply, GssProxyMessages.decodeReply(procedure, Arrays.copyOfRange(again, 4, again.length)),
                "reply after a round trip");
        assertTrue(reply.header().statusName().startsWith("MSG_"), reply.header().statusName());
    }

    private static Procedure procedure(byte selector) {
        return PROCEDURES[(selector & 0x7f) % PROCEDURES.length];
    }
}
