package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxCtx;
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
 * {@code gssx_res_init_sec_context} (procedure 8). Upstream leaves {@code output_token} absent when there is no
 * token (final leg), unlike accept, which may send it present but empty.
 */
public record ResInitSecContext(GssxStatus status,
                                Optional<GssxCtx> contextHandle,
                                Optional<Opaque> outputToken,
                                List<GssxOption> options) implements GssxRes {

    public ResInitSecContext {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(outputToken, "outputToken");
        options = List.copyOf(options);
    }

    public static ResInitSecContext decode(XdrReader reader) {
        return new ResInitSecContext(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                reader.readOptional("output_token", value -> value.readOpaque("output_token")),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        writer.writeOptional(outputToken, XdrWriter::writeOpaque);
        GssxStruct.encodeList(writer, options);
    }
}
