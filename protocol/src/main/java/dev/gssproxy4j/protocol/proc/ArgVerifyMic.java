package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/** {@code gssx_arg_verify_mic} (procedure 12, upstream name VERIFY). */
public record ArgVerifyMic(CallCtx callCtx, GssxCtx contextHandle, Opaque messageBuffer, Opaque tokenBuffer)
        implements GssxArg {

    public ArgVerifyMic {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(messageBuffer, "messageBuffer");
        Objects.requireNonNull(tokenBuffer, "tokenBuffer");
    }

    public static ArgVerifyMic decode(XdrReader reader) {
        return new ArgVerifyMic(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("context_handle", GssxCtx::decode),
                reader.readOpaque("message_buffer"),
                reader.readOpaque("token_buffer"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        contextHandle.encode(writer);
        writer.writeOpaque(messageBuffer).writeOpaque(tokenBuffer);
    }
}
