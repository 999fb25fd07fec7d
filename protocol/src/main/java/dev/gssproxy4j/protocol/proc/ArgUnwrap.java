package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.OpaqueLists;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_arg_unwrap} (procedure 14); upstream uses only the first token buffer. */
public record ArgUnwrap(CallCtx callCtx, GssxCtx contextHandle, List<Opaque> tokenBuffer, long qopState)
        implements GssxArg {

    public ArgUnwrap {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(contextHandle, "contextHandle");
        tokenBuffer = List.copyOf(tokenBuffer);
    }

    public static ArgUnwrap decode(XdrReader reader) {
        return new ArgUnwrap(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("context_handle", GssxCtx::decode),
                OpaqueLists.decode(reader, "token_buffer"),
                reader.readHyper("qop_state"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        contextHandle.encode(writer);
        OpaqueLists.encode(writer, tokenBuffer);
        writer.writeHyper(qopState);
    }
}
