package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_arg_export_cred} (procedure 4; a stub upstream). */
public record ArgExportCred(CallCtx callCtx, GssxCred inputCredHandle, CredUsage credUsage,
                            List<GssxOption> options) implements GssxArg {

    public ArgExportCred {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(inputCredHandle, "inputCredHandle");
        Objects.requireNonNull(credUsage, "credUsage");
        options = List.copyOf(options);
    }

    public static ArgExportCred decode(XdrReader reader) {
        return new ArgExportCred(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("input_cred_handle", GssxCred::decode),
                reader.readEnum("cred_usage", CredUsage.class),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        inputCredHandle.encode(writer);
        writer.writeEnum(credUsage);
        GssxStruct.encodeList(writer, options);
    }
}
