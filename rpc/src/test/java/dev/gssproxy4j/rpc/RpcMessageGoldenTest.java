package dev.gssproxy4j.rpc;

import dev.gssproxy4j.testkit.CapturedRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RPC headers of the real records captured from upstream gssproxy ({@code shared/wire}). */
class RpcMessageGoldenTest {

    static Path wire(String file) {
        return CapturedRecords.file(file);
    }

    private static RpcMessage header(String file) throws IOException {
        byte[] record = Files.readAllBytes(wire(file));
        return RpcMessage.decode(new XdrReader(record, 4, record.length, XdrLimits.DEFAULT));
    }

    /** Re-encodes a decoded error reply and compares it with the bytes upstream sent. */
    private static void assertReplyRoundTrips(String file, String status) throws IOException {
        byte[] record = Files.readAllBytes(wire(file));
        RpcReply reply = assertInstanceOf(RpcReply.class, header(file));
        assertEquals(status, reply.statusName());
        var writer = RecordWriter.start(RecordReader.DEFAULT_MAX_RECORD);
        reply.encode(writer);
        assertArrayEquals(record, RecordWriter.finish(writer), file);
    }

    @Test
    void callHeaderOfTheInterposer() throws IOException {
        RpcCall call = assertInstanceOf(RpcCall.class, header("accept/04-ACCEPT_SEC_CONTEXT.call.bin"));
        assertEquals(0x62309a46, call.xid());
        assertEquals(2, call.rpcVersion());
        assertEquals(400112, call.program());
        assertEquals(1, call.version());
        assertEquals(9, call.procedure());
        assertTrue(call.credential().isNone());
    }

    @Test
    void everyRpcLevelErrorReplyOfUpstreamRoundTrips() throws IOException {
        assertReplyRoundTrips("errors/01-wrong-program.reply.bin", "MSG_ACCEPTED/PROG_UNAVAIL");
        assertReplyRoundTrips("errors/02-wrong-version.reply.bin", "MSG_ACCEPTED/PROG_MISMATCH(1,1)");
        assertReplyRoundTrips("errors/03-proc-0.reply.bin", "MSG_ACCEPTED/PROC_UNAVAIL");
        assertReplyRoundTrips("errors/05-garbage-args.reply.bin", "MSG_ACCEPTED/GARBAGE_ARGS");
        assertReplyRoundTrips("errors/06-auth-sys.reply.bin", "MSG_DENIED/AUTH_ERROR(AUTH_FAILED)");
        assertReplyRoundTrips("errors/07-rpcvers-3.reply.bin", "MSG_DENIED/RPC_MISMATCH(2,2)");
    }

    @Test
    void authSysCredentialDecodesSoItCanBeRefusedByName() throws IOException {
        RpcCall call = assertInstanceOf(RpcCall.class, header("errors/06-auth-sys.call.bin"));
        assertEquals("AUTH_SYS", call.credential().flavorName());
    }

    @Test
    void oversizeCredentialBodyFailsToDecode() throws IOException {
        XdrDecodeException e = assertThrows(XdrDecodeException.class,
                () -> header("errors/10-cred-body-401.call.bin"));
        assertEquals(XdrDecodeException.Reason.OVER_CAP, e.reason());
        assertEquals("cred.body", e.field());
    }

    @Test
    void truncatedHeaderFailsToDecode() {
        assertThrows(XdrDecodeException.class, () -> header("errors/09-truncated-header.call.bin"));
    }

    @Test
    void callHeaderRoundTrips() throws IOException {
        byte[] record = Files.readAllBytes(wire("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin"));
        RpcCall call = (RpcCall) header("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin");
        var writer = RecordWriter.start(64);
        call.encode(writer);
        byte[] encoded = RecordWriter.finish(writer);
        assertEquals(HexFormat.of().formatHex(Arrays.copyOfRange(record, 4, 44)),
                HexFormat.of().formatHex(Arrays.copyOfRange(encoded, 4, 44)));
    }
}
