package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;
import java.util.Optional;

/** {@code gssx_res_get_mic} (procedure 11); {@code token_buffer} is empty on error. */
public record ResGetMic(GssxStatus status, Optional<GssxCtx> contextHandle, Opaque tokenBuffer,
                        Optional<Long> qopState) implements GssxRes {

    public ResGetMic {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(tokenBuffer, "tokenBuffer");
        Objects.requireNonNull(qopState, "qopState");
    }

    public static ResGetMic decode(XdrReader reader) {
        return new ResGetMic(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                reader.readOpaque("token_buffer"),
                reader.readOptional("qop_state", value -> value.readHyper("qop_state")));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        writer.writeOpaque(tokenBuffer);
        writer.writeOptional(qopState, XdrWriter::writeHyper);
    }
}
