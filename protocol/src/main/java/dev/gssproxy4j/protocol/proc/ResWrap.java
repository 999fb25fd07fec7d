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

/** {@code gssx_res_wrap} (procedure 13). */
public record ResWrap(GssxStatus status, Optional<GssxCtx> contextHandle, List<Opaque> tokenBuffer,
                      Optional<Boolean> confState, Optional<Long> qopState) implements GssxRes {

    public ResWrap {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contextHandle, "contextHandle");
        tokenBuffer = List.copyOf(tokenBuffer);
        Objects.requireNonNull(confState, "confState");
        Objects.requireNonNull(qopState, "qopState");
    }

    public static ResWrap decode(XdrReader reader) {
        return new ResWrap(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                OpaqueLists.decode(reader, "token_buffer"),
                reader.readOptional("conf_state", value -> value.readBool("conf_state")),
                reader.readOptional("qop_state", value -> value.readHyper("qop_state")));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        OpaqueLists.encode(writer, tokenBuffer);
        writer.writeOptional(confState, XdrWriter::writeBool);
        writer.writeOptional(qopState, XdrWriter::writeHyper);
    }
}
