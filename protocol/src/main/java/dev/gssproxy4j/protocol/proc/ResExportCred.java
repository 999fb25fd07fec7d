package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code gssx_res_export_cred} (procedure 4). Note: upstream's stub answers with an all-zero result, whose
 * {@code usage_exported} 0 is not a {@code gssx_cred_usage} value; this decoder refuses it (BAD_ENUM).
 */
public record ResExportCred(GssxStatus status, CredUsage usageExported, Optional<Opaque> exportedHandle,
                            List<GssxOption> options) implements GssxRes {

    public ResExportCred {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usageExported, "usageExported");
        Objects.requireNonNull(exportedHandle, "exportedHandle");
        options = List.copyOf(options);
    }

    public static ResExportCred decode(XdrReader reader) {
        return new ResExportCred(
                reader.struct("status", GssxStatus::decode),
                reader.readEnum("usage_exported", CredUsage.class),
                reader.readOptional("exported_handle", value -> value.readOpaque("exported_handle")),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        writer.writeEnum(usageExported);
        writer.writeOptional(exportedHandle, XdrWriter::writeOpaque);
        GssxStruct.encodeList(writer, options);
    }
}
