package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code gssx_res_import_and_canon_name} (procedure 3). */
public record ResImportAndCanonName(GssxStatus status, Optional<GssxName> outputName, List<GssxOption> options)
        implements GssxRes {

    public ResImportAndCanonName {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outputName, "outputName");
        options = List.copyOf(options);
    }

    public static ResImportAndCanonName decode(XdrReader reader) {
        return new ResImportAndCanonName(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("output_name", GssxName::decode),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, outputName);
        GssxStruct.encodeList(writer, options);
    }
}
