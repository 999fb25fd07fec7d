package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code gssx_res_acquire_cred} (procedure 6). */
public record ResAcquireCred(GssxStatus status, Optional<GssxCred> outputCredHandle, List<GssxOption> options)
        implements GssxRes {

    public ResAcquireCred {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outputCredHandle, "outputCredHandle");
        options = List.copyOf(options);
    }

    public static ResAcquireCred decode(XdrReader reader) {
        return new ResAcquireCred(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("output_cred_handle", GssxCred::decode),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, outputCredHandle);
        GssxStruct.encodeList(writer, options);
    }
}
