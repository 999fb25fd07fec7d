package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxCred;
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
 * {@code gssx_res_accept_sec_context} (procedure 9). For the kernel the options carry {@code "linux_creds_v1\0"};
 * a non-mutual accept sends {@code output_token} present but empty.
 */
public record ResAcceptSecContext(GssxStatus status,
                                  Optional<GssxCtx> contextHandle,
                                  Optional<Opaque> outputToken,
                                  Optional<GssxCred> delegatedCredHandle,
                                  List<GssxOption> options) implements GssxRes {

    public ResAcceptSecContext {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(outputToken, "outputToken");
        Objects.requireNonNull(delegatedCredHandle, "delegatedCredHandle");
        options = List.copyOf(options);
    }

    public static ResAcceptSecContext decode(XdrReader reader) {
        return new ResAcceptSecContext(
                reader.struct("status", GssxStatus::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                reader.readOptional("output_token", value -> value.readOpaque("output_token")),
                reader.readOptional("delegated_cred_handle", GssxCred::decode),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        writer.writeOptional(outputToken, XdrWriter::writeOpaque);
        GssxStruct.encodeOptional(writer, delegatedCredHandle);
        GssxStruct.encodeList(writer, options);
    }
}
