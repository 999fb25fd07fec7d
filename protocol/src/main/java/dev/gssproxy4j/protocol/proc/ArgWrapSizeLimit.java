package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/** {@code gssx_arg_wrap_size_limit} (procedure 15). */
public record ArgWrapSizeLimit(CallCtx callCtx, GssxCtx contextHandle, boolean confReq, long qopState,
                               long reqOutputSize) implements GssxArg {

    public ArgWrapSizeLimit {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(contextHandle, "contextHandle");
    }

    public static ArgWrapSizeLimit decode(XdrReader reader) {
        return new ArgWrapSizeLimit(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("context_handle", GssxCtx::decode),
                reader.readBool("conf_req"),
                reader.readHyper("qop_state"),
                reader.readHyper("req_output_size"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        contextHandle.encode(writer);
        writer.writeBool(confReq).writeHyper(qopState).writeHyper(reqOutputSize);
    }
}
