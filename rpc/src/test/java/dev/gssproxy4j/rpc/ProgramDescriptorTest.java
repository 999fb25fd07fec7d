package dev.gssproxy4j.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header checks of a served program against the faults captured from upstream gssproxy ({@code shared/wire/errors}):
 * the reply each {@link RpcException} carries is, byte for byte, the one upstream sent.
 */
class ProgramDescriptorTest {

    /** GSS-Proxy as upstream serves it: program 400112, version 1, procedures 1 to 15. */
    private static final ProgramDescriptor GSS_PROXY = new ProgramDescriptor(400112, 1, 1, 15);

    private static RpcMessage header(byte[] record) {
        return RpcMessage.decode(new XdrReader(record, 4, record.length, XdrLimits.DEFAULT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-wrong-program", "02-wrong-version", "03-proc-0", "04-proc-16", "06-auth-sys",
            "07-rpcvers-3", "08-msgtype-reply"})
    void eachFaultIsAnsweredWithUpstreamsReply(String fault) throws IOException {
        byte[] call = Files.readAllBytes(RpcMessageGoldenTest.wire("errors/" + fault + ".call.bin"));
        byte[] expected = Files.readAllBytes(RpcMessageGoldenTest.wire("errors/" + fault + ".reply.bin"));
        RpcException e = assertThrows(RpcException.class, () -> GSS_PROXY.admit(header(call)));
        var writer = RecordWriter.start(RecordReader.DEFAULT_MAX_RECORD);
        e.reply().encode(writer);
        assertArrayEquals(expected, RecordWriter.finish(writer), fault + ": " + e.getMessage());
    }

    @Test
    void aServedCallIsAdmittedAsItIs() throws RpcException {
        RpcCall call = RpcCall.of(7, 400112, 1, 15);
        assertSame(call, GSS_PROXY.admit(call));
    }

    @Test
    void numbersAreComparedUnsigned() {
        RpcException e = assertThrows(RpcException.class, () -> GSS_PROXY.admit(RpcCall.of(7, 400112, 1, -1)));
        assertEquals("MSG_ACCEPTED/PROC_UNAVAIL", e.reply().statusName());
        assertEquals("procedure 4294967295", e.getMessage());
    }
}
