package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/** {@code gssx_arg_get_mic} (procedure 11). */
public record ArgGetMic(CallCtx callCtx, GssxCtx contextHandle, long qopReq, Opaque messageBuffer)
        implements GssxArg {

    public ArgGetMic {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(messageBuffer, "messageBuffer");
    }

    public static ArgGetMic decode(XdrReader reader) {
        return new ArgGetMic(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("context_handle", GssxCtx::decode),
                reader.readHyper("qop_req"),
                reader.readOpaque("message_buffer"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        contextHandle.encode(writer);
        writer.writeHyper(qopReq).writeOpaque(messageBuffer);
    }
}
