package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.OpaqueLists;
import dev.gssproxy4j.protocol.WireField;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code gssx_res_store_cred} (procedure 7). Note: upstream's stub answers with an all-zero result, whose
 * {@code cred_usage_stored} 0 is not a {@code gssx_cred_usage} value; this decoder refuses it (BAD_ENUM).
 */
public record ResStoreCred(GssxStatus status,
                           @WireField(Display.OID) List<Opaque> elementsStored,
                           CredUsage credUsageStored,
                           List<GssxOption> options) implements GssxRes {

    public ResStoreCred {
        Objects.requireNonNull(status, "status");
        elementsStored = List.copyOf(elementsStored);
        Objects.requireNonNull(credUsageStored, "credUsageStored");
        options = List.copyOf(options);
    }

    public static ResStoreCred decode(XdrReader reader) {
        return new ResStoreCred(
                reader.struct("status", GssxStatus::decode),
                OpaqueLists.decode(reader, "elements_stored"),
                reader.readEnum("cred_usage_stored", CredUsage.class),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        OpaqueLists.encode(writer, elementsStored);
        writer.writeEnum(credUsageStored);
        GssxStruct.encodeList(writer, options);
    }
}
