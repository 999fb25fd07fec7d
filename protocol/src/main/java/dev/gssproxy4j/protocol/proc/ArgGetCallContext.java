package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_arg_get_call_context} (procedure 2; a stub upstream). */
public record ArgGetCallContext(CallCtx callCtx, List<GssxOption> options) implements GssxArg {

    public ArgGetCallContext {
        Objects.requireNonNull(callCtx, "callCtx");
        options = List.copyOf(options);
    }

    public static ArgGetCallContext decode(XdrReader reader) {
        return new ArgGetCallContext(reader.struct("call_ctx", CallCtx::decode),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        GssxStruct.encodeList(writer, options);
    }
}
