package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_arg_import_cred} (procedure 5; a stub upstream). */
public record ArgImportCred(CallCtx callCtx, Opaque exportedHandle, List<GssxOption> options) implements GssxArg {

    public ArgImportCred {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(exportedHandle, "exportedHandle");
        options = List.copyOf(options);
    }

    public static ArgImportCred decode(XdrReader reader) {
        return new ArgImportCred(reader.struct("call_ctx", CallCtx::decode), reader.readOpaque("exported_handle"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        writer.writeOpaque(exportedHandle);
        GssxStruct.encodeList(writer, options);
    }
}
