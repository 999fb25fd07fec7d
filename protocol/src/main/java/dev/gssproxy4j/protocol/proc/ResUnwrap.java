package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.OpaqueLists;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code gssx_res_unwrap} (procedure 14). */
public record ResUnwrap(GssxStatus status, Optional<GssxCtx> contextHandle, List<Opaque> messageBuffer,
                        Optional<Boolean> confState, Optional<Long> qopState) implements GssxRes {

    public ResUnwrap {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contextHandle, "contextHandle");
        messageBuffer = List.copyOf(messageBuffer);
        Objects.requireNonNull(confState, "confState");
        Objects.requireNonNull(qopState, "qopState");
    }

    public static ResUnwrap decode(XdrReader reader) {
        return new ResUnwrap(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                OpaqueLists.decode(reader, "message_buffer"),
                reader.readOptional("conf_state", value -> value.readBool("conf_state")),
                reader.readOptional("qop_state", value -> value.readHyper("qop_state")));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        OpaqueLists.encode(writer, messageBuffer);
        writer.writeOptional(confState, XdrWriter::writeBool);
        writer.writeOptional(qopState, XdrWriter::writeHyper);
    }
}
