package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/** {@code gssx_arg_release_handle} (procedure 10); the field is called {@code cred_handle} for either arm. */
public record ArgReleaseHandle(CallCtx callCtx, GssxHandle credHandle) implements GssxArg {

    public ArgReleaseHandle {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(credHandle, "credHandle");
    }

    public static ArgReleaseHandle decode(XdrReader reader) {
        return new ArgReleaseHandle(reader.struct("call_ctx", CallCtx::decode),
                reader.struct("cred_handle", GssxHandle::decode));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        credHandle.encode(writer);
    }
}
