package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCb;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code gssx_arg_accept_sec_context} (procedure 9), including {@code ret_deleg_cred} (upstream commit 8d2ed5e;
 * older copies of {@code gss_proxy.x} lack it, every real peer sends it). This is the only call the Linux kernel
 * makes; it puts its {@code exported_context_type}/{@code exported_creds_type} options in {@code call_ctx}.
 */
public record ArgAcceptSecContext(CallCtx callCtx,
                                  Optional<GssxCtx> contextHandle,
                                  Optional<GssxCred> credHandle,
                                  Opaque inputToken,
                                  Optional<GssxCb> inputCb,
                                  boolean retDelegCred,
                                  List<GssxOption> options) implements GssxArg {

    public ArgAcceptSecContext {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(contextHandle, "contextHandle");
        Objects.requireNonNull(credHandle, "credHandle");
        Objects.requireNonNull(inputToken, "inputToken");
        Objects.requireNonNull(inputCb, "inputCb");
        options = List.copyOf(options);
    }

    public static ArgAcceptSecContext decode(XdrReader reader) {
        return new ArgAcceptSecContext(
                reader.struct("call_ctx", CallCtx::decode),
                reader.readOptional("context_handle", GssxCtx::decode),
                reader.readOptional("cred_handle", GssxCred::decode),
                reader.readOpaque("input_token"),
                reader.readOptional("input_cb", GssxCb::decode),
                reader.readBool("ret_deleg_cred"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        GssxStruct.encodeOptional(writer, contextHandle);
        GssxStruct.encodeOptional(writer, credHandle);
        writer.writeOpaque(inputToken);
        GssxStruct.encodeOptional(writer, inputCb);
        writer.writeBool(retDelegCred);
        GssxStruct.encodeList(writer, options);
    }
}
