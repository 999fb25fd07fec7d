package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.OpaqueLists;
import dev.gssproxy4j.protocol.WireField;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code gssx_arg_acquire_cred} (procedure 6): GSS_Acquire_cred and GSS_Add_cred in one call. An absent
 * {@code desired_name} is GSS_C_NO_NAME; an empty {@code desired_mechs} is GSS_C_NO_OID_SET.
 */
public record ArgAcquireCred(CallCtx callCtx,
                             Optional<GssxCred> inputCredHandle,
                             boolean addCredToInputHandle,
                             Optional<GssxName> desiredName,
                             long timeReq,
                             @WireField(Display.OID) List<Opaque> desiredMechs,
                             CredUsage credUsage,
                             long initiatorTimeReq,
                             long acceptorTimeReq,
                             List<GssxOption> options) implements GssxArg {

    public ArgAcquireCred {
        Objects.requireNonNull(callCtx, "callCtx");
        Objects.requireNonNull(inputCredHandle, "inputCredHandle");
        Objects.requireNonNull(desiredName, "desiredName");
        desiredMechs = List.copyOf(desiredMechs);
        Objects.requireNonNull(credUsage, "credUsage");
        options = List.copyOf(options);
    }

    public static ArgAcquireCred decode(XdrReader reader) {
        return new ArgAcquireCred(
                reader.struct("call_ctx", CallCtx::decode),
                reader.readOptional("input_cred_handle", GssxCred::decode),
                reader.readBool("add_cred_to_input_handle"),
                reader.readOptional("desired_name", GssxName::decode),
                reader.readHyper("time_req"),
                OpaqueLists.decode(reader, "desired_mechs"),
                reader.readEnum("cred_usage", CredUsage.class),
                reader.readHyper("initiator_time_req"),
                reader.readHyper("acceptor_time_req"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        callCtx.encode(writer);
        GssxStruct.encodeOptional(writer, inputCredHandle);
        writer.writeBool(addCredToInputHandle);
        GssxStruct.encodeOptional(writer, desiredName);
        writer.writeHyper(timeReq);
        OpaqueLists.encode(writer, desiredMechs);
        writer.writeEnum(credUsage).writeHyper(initiatorTimeReq).writeHyper(acceptorTimeReq);
        GssxStruct.encodeList(writer, options);
    }
}
