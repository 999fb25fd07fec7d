package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.WireField;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_arg_store_cred} (procedure 7; a stub upstream). */
public record ArgStoreCred(CallCtx callCtx,
                           GssxCred inputCredHandle,
                           CredUsage credUsage,
                           @WireField(Display.OID) Opaque desiredMech,
                           boolean overwriteCred,
                           boolean defaultCred,
                           List<GssxOption> options) implements GssxArg {

    public ArgStoreCred {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(inputCredHandle, "inputCredHandle");
        Objects.requireNonNull(credUsage, "credUsage");
        Objects.requireNonNull(desiredMech, "desiredMech");
        options = List.copyOf(options);
    }

    public static ArgStoreCred decode(XdrReader reader) {
        return new ArgStoreCred(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("input_cred_handle", GssxCred::decode),
                reader.readEnum("cred_usage", CredUsage.class),
                reader.readOpaque("desired_mech"),
                reader.readBool("overwrite_cred"),
                reader.readBool("default_cred"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        inputCredHandle.encode(writer);
        writer.writeEnum(credUsage).writeOpaque(desiredMech).writeBool(overwriteCred).writeBool(defaultCred);
        GssxStruct.encodeList(writer, options);
    }
}
