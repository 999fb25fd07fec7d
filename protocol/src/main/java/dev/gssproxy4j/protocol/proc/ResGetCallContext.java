package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_res_get_call_context} (procedure 2). */
public record ResGetCallContext(GssxStatus status, Opaque serverCallCtx, List<GssxOption> options)
        implements GssxRes {

    public ResGetCallContext {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serverCallCtx, "serverCallCtx");
        options = List.copyOf(options);
    }

    public static ResGetCallContext decode(XdrReader reader) {
        return new ResGetCallContext(reader.struct("status", GssxStatus::decode),
                reader.readOpaque("server_call_ctx"), GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        writer.writeOpaque(serverCallCtx);
        GssxStruct.encodeList(writer, options);
    }
}
