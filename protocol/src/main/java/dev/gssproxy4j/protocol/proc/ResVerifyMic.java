package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;
import java.util.Optional;

/** {@code gssx_res_verify_mic} (procedure 12). */
public record ResVerifyMic(GssxStatus status, Optional<GssxCtx> contextHandle, Optional<Long> qopState)
        implements GssxRes {

    public ResVerifyMic {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(qopState, "qopState");
    }

    public static ResVerifyMic decode(XdrReader reader) {
        return new ResVerifyMic(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                reader.readOptional("qop_state", value -> value.readHyper("qop_state")));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        writer.writeOptional(qopState, XdrWriter::writeHyper);
    }
}
