package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/** {@code gssx_arg_indicate_mechs} (procedure 1). */
public record ArgIndicateMechs(CallCtx callCtx) implements GssxArg {

    public ArgIndicateMechs {
        Objects.requireNonNull(callCtx, "callCtx");
    }

    public static ArgIndicateMechs decode(XdrReader reader) {
        return new ArgIndicateMechs(reader.struct("call_ctx", CallCtx::decode));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
    }
}
