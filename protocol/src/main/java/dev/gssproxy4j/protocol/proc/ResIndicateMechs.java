package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.Display;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.MechAttr;
import dev.gssproxy4j.protocol.MechInfo;
import dev.gssproxy4j.protocol.OpaqueLists;
import dev.gssproxy4j.protocol.WireField;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/** {@code gssx_res_indicate_mechs} (procedure 1): every mechanism with its metadata, and attribute texts. */
public record ResIndicateMechs(GssxStatus status,
                               List<MechInfo> mechs,
                               List<MechAttr> mechAttrDescs,
                               @WireField(Display.TEXT) List<Opaque> supportedExtensions,
                               List<GssxOption> extensions) implements GssxRes {

    public ResIndicateMechs {
        Objects.requireNonNull(status, "status");
        mechs = List.copyOf(mechs);
        mechAttrDescs = List.copyOf(mechAttrDescs);
        supportedExtensions = List.copyOf(supportedExtensions);
        extensions = List.copyOf(extensions);
    }

    public static ResIndicateMechs decode(XdrReader reader) {
        return new ResIndicateMechs(
                reader.struct("status", GssxStatus::decode),
                reader.readArray("mechs", MechInfo::decode),
                reader.readArray("mech_attr_descs", MechAttr::decode),
                OpaqueLists.decode(reader, "supported_extensions"),
                GssxOption.decodeList(reader, "extensions"));
    }

    @Override
    public void encode(XdrWriter writer) {
        status.encode(writer);
        GssxStruct.encodeList(writer, mechs);
        GssxStruct.encodeList(writer, mechAttrDescs);
        OpaqueLists.encode(writer, supportedExtensions);
        GssxStruct.encodeList(writer, extensions);
    }
}
