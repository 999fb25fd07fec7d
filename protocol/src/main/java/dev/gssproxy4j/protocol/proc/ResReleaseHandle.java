package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/** {@code gssx_res_release_handle} (procedure 10). Upstream always answers GSS_S_UNAVAILABLE here. */
public record ResReleaseHandle(GssxStatus status) implements GssxRes {

    public ResReleaseHandle {
        Objects.requireNonNull(status, "status");
    }

    public static ResReleaseHandle decode(XdrReader reader) {
        return new ResReleaseHandle(reader.struct("status", GssxStatus::decode));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
    }
}
