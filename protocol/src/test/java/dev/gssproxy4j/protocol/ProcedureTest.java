package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.proc.ArgIndicateMechs;
import dev.gssproxy4j.protocol.proc.ResReleaseHandle;
import dev.gssproxy4j.rpc.AcceptStat;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrSizeException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcedureTest {

    @Test
    void tableMatchesGssProxyX() {
        assertEquals(400112, Procedure.PROGRAM);
        assertEquals(1, Procedure.VERSION);
        assertEquals(15, Procedure.values().length);
        for (Procedure procedure : Procedure.values()) {
            assertEquals(procedure.ordinal() + 1, procedure.wire(), procedure.name());
            assertEquals(Optional.of(procedure), Procedure.fromWire(procedure.wire()));
            assertEquals("Arg" + camel(procedure), procedure.argType().getSimpleName());
            assertEquals("Res" + camel(procedure), procedure.resultType().getSimpleName());
        }
        assertEquals("gssx_arg_verify_mic", Procedure.VERIFY.argTypeName());
        assertEquals("gssx_res_accept_sec_context", Procedure.ACCEPT_SEC_CONTEXT.resultTypeName());
        assertEquals(Optional.empty(), Procedure.fromWire(0));
        assertEquals(Optional.empty(), Procedure.fromWire(16));
        assertEquals(Optional.empty(), Procedure.fromWire(-1));
    }

    private static String camel(Procedure procedure) {
        String name = procedure == Procedure.VERIFY ? "VERIFY_MIC" : procedure.name();
        return Arrays.stream(name.split("_")).map(w -> w.charAt(0) + w.substring(1).toLowerCase())
                .reduce("", String::concat);
    }

    @Test
    void fileNamesGiveTheProcedureLongestNameFirst() {
        assertEquals(Optional.of(Procedure.ACCEPT_SEC_CONTEXT),
                Procedure.fromFileName("04-ACCEPT_SEC_CONTEXT.reply.bin"));
        assertEquals(Optional.of(Procedure.ACCEPT_SEC_CONTEXT),
                Procedure.fromFileName("02-ACCEPT_SEC_CONTEXT-bob-unmapped.reply.bin"));
        assertEquals(Optional.of(Procedure.UNWRAP), Procedure.fromFileName("07-UNWRAP.reply.bin"));
        assertEquals(Optional.of(Procedure.WRAP_SIZE_LIMIT), Procedure.fromFileName("x-wrap_size_limit.bin"));
        assertEquals(Optional.of(Procedure.WRAP), Procedure.fromFileName("WRAP.bin"));
        assertEquals(Optional.empty(), Procedure.fromFileName("14-gss-replay.reply.bin"));
    }

    @Test
    void encodersRefuseTheWrongRecordType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GssProxyMessages
                .encodeCall(1, Procedure.ACQUIRE_CRED, new ArgIndicateMechs(CallCtx.EMPTY), 1024));
        assertTrue(e.getMessage().contains("ArgAcquireCred"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GssProxyMessages
                .encodeReply(1, Procedure.ACQUIRE_CRED, new ResReleaseHandle(GssxStatus.COMPLETE), 1024));
    }

    @Test
    void encodersRefuseRecordsOverTheMaximum() {
        CallCtx big = new CallCtx(Opaque.of(new byte[2000]), Opaque.EMPTY, List.of());
        assertThrows(XdrSizeException.class,
                () -> GssProxyMessages.encodeCall(1, Procedure.INDICATE_MECHS, new ArgIndicateMechs(big), 1024));
    }

    @Test
    void decodeReplyTellsRpcErrorsFromResults() throws Exception {
        byte[] procUnavail = GssProxyMessages.encodeRpcError(RpcReply.accepted(9, AcceptStat.PROC_UNAVAIL));
        DecodedReply reply = GssProxyMessages.decodeReply(Procedure.WRAP, Golden.unframe(procUnavail));
        assertFalse(reply.isSuccess());
        assertEquals(Optional.empty(), reply.result());
        assertEquals(9, reply.xid());

        byte[] released = GssProxyMessages.encodeReply(-1, Procedure.RELEASE_HANDLE,
                new ResReleaseHandle(GssxStatus.of(0x100000, Opaque.EMPTY, 0, "unavailable", "")), 1024);
        DecodedReply ok = GssProxyMessages.decodeReply(Procedure.RELEASE_HANDLE, Golden.unframe(released));
        assertTrue(ok.isSuccess());
        assertEquals(0x100000, ok.result().orElseThrow().status().majorStatus());

        byte[] call = Golden.unframe(Golden.read("accept/01-INDICATE_MECHS.call.bin"));
        XdrDecodeException e = assertThrows(XdrDecodeException.class,
                () -> GssProxyMessages.decodeReply(Procedure.INDICATE_MECHS, call));
        assertTrue(e.getMessage().contains("REPLY was expected"), e.getMessage());
    }

    @Test
    void unknownHandleTypesArePreserved() throws Exception {
        var other = new GssxHandle.Other(7, Opaque.utf8("future"));
        var arg = new dev.gssproxy4j.protocol.proc.ArgReleaseHandle(CallCtx.EMPTY, other);
        byte[] record = GssProxyMessages.encodeCall(3, Procedure.RELEASE_HANDLE, arg, 1024);
        byte[] message = Golden.unframe(record);
        DecodedMessage decoded = GssProxyMessages.decodeMessage(message, 0, message.length, Optional.empty(),
                dev.gssproxy4j.xdr.XdrLimits.DEFAULT);
        assertEquals(new DecodedMessage.Args(Procedure.RELEASE_HANDLE, arg), decoded.body());
        assertThrows(IllegalArgumentException.class, () -> new GssxHandle.Other(1, Opaque.EMPTY));
    }
}
