package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/** {@code gssx_res_wrap_size_limit} (procedure 15). */
public record ResWrapSizeLimit(GssxStatus status, long maxInputSize) implements GssxRes {

    public ResWrapSizeLimit {
        Objects.requireNonNull(status, "status");
    }

    public static ResWrapSizeLimit decode(XdrReader reader) {
        return new ResWrapSizeLimit(reader.struct("status", GssxStatus::decode), reader.readHyper("max_input_size"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        writer.writeHyper(maxInputSize);
    }
}
