package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxCb;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.WireField;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code gssx_arg_init_sec_context} (procedure 8). On a second leg {@code context_handle} is the partial context
 * returned by the first, verbatim. An absent {@code cred_handle} is GSS_C_NO_CREDENTIAL.
 */
public record ArgInitSecContext(CallCtx callCtx,
                                Optional<GssxCtx> contextHandle,
                                Optional<GssxCred> credHandle,
                                Optional<GssxName> targetName,
                                @WireField(Display.OID) Opaque mechType,
                                @WireField(Display.CTX_FLAGS) long reqFlags,
                                long timeReq,
                                Optional<GssxCb> inputCb,
                                Optional<Opaque> inputToken,
                                List<GssxOption> options) implements GssxArg {

    public ArgInitSecContext {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(credHandle, "credHandle");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(mechType, "mechType");
        Objects.requireNonNull(inputCb, "inputCb");
        Objects.requireNonNull(inputToken, "inputToken");
        options = List.copyOf(options);
    }

    public static ArgInitSecContext decode(XdrReader reader) {
        return new ArgInitSecContext(
                reader.struct("call_ctx", CallCtx::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                reader.readOptional("cred_handle", GssxCred::decode),
                reader.readOptional("target_name", GssxName::decode),
                reader.readOpaque("mech_type"),
                reader.readHyper("req_flags"),
                reader.readHyper("time_req"),
                reader.readOptional("input_cb", GssxCb::decode),
                reader.readOptional("input_token", value -> value.readOpaque("input_token")),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        GssxStruct.encodeOptional(writer, credHandle);
        GssxStruct.encodeOptional(writer, targetName);
        writer.writeOpaque(mechType).writeHyper(reqFlags).writeHyper(timeReq);
        GssxStruct.encodeOptional(writer, inputCb);
        writer.writeOptional(inputToken, XdrWriter::writeOpaque);
        GssxStruct.encodeList(writer, options);
    }
}
