package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.OpaqueLists;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_arg_wrap} (procedure 13); upstream uses only the first message buffer. */
public record ArgWrap(CallCtx callCtx, GssxCtx contextHandle, boolean confReq, List<Opaque> messageBuffer,
                      long qopState) implements GssxArg {

    public ArgWrap {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(contextHandle, "contextHandle");
        messageBuffer = List.copyOf(messageBuffer);
    }

    public static ArgWrap decode(XdrReader reader) {
        return new ArgWrap(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("context_handle", GssxCtx::decode),
                reader.readBool("conf_req"),
                OpaqueLists.decode(reader, "message_buffer"),
                reader.readHyper("qop_state"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        contextHandle.encode(writer);
        writer.writeBool(confReq);
        OpaqueLists.encode(writer, messageBuffer);
        writer.writeHyper(qopState);
    }
}
