package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.NameAttr;
import dev.gssproxy4j.protocol.WireField;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code gssx_arg_import_and_canon_name} (procedure 3). {@code gss_localname} is this call with the option
 * {@code "localname\0"}; the reply then carries the local user name in the same option.
 */
public record ArgImportAndCanonName(CallCtx callCtx,
                                    GssxName inputName,
                                    @WireField(Display.OID) Opaque mech,
                                    List<NameAttr> nameAttributes,
                                    List<GssxOption> options) implements GssxArg {

    public ArgImportAndCanonName {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(mech, "mech");
        nameAttributes = List.copyOf(nameAttributes);
        options = List.copyOf(options);
    }

    public static ArgImportAndCanonName decode(XdrReader reader) {
        return new ArgImportAndCanonName(
                reader.struct("call_ctx", CallCtx::decode),
                reader.struct("input_name", GssxName::decode),
                reader.readOpaque("mech"),
                reader.readArray("name_attributes", NameAttr::decode),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        inputName.encode(writer);
        writer.writeOpaque(mech);
        GssxStruct.encodeList(writer, nameAttributes);
        GssxStruct.encodeList(writer, options);
    }
}
