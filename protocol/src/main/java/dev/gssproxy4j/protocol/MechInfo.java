package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_mech_info}: one mechanism of INDICATE_MECHS with its name types, attributes (RFC 5587) and
 * SASL names (RFC 5801 {@code gss_inquire_saslname_for_mech}).
 */
public record MechInfo(@WireField(Display.OID) Opaque mech,
                       @WireField(Display.OID) List<Opaque> nameTypes,
                       @WireField(Display.OID) List<Opaque> mechAttrs,
                       @WireField(Display.OID) List<Opaque> knownMechAttrs,
                       @WireField(Display.OID) List<Opaque> credOptions,
                       @WireField(Display.OID) List<Opaque> secCtxOptions,
                       @WireField(Display.TEXT) Opaque saslnameSaslMechName,
                       @WireField(Display.TEXT) Opaque saslnameMechName,
                       @WireField(Display.TEXT) Opaque saslnameMechDesc,
                       List<GssxOption> extensions) implements GssxStruct {

    public MechInfo {
        Objects.requireNonNull(mech, "mech");
        nameTypes = List.copyOf(nameTypes);
        mechAttrs = List.copyOf(mechAttrs);
        knownMechAttrs = List.copyOf(knownMechAttrs);
        credOptions = List.copyOf(credOptions);
        secCtxOptions = List.copyOf(secCtxOptions);
        Objects.requireNonNull(saslnameSaslMechName, "saslnameSaslMechName");
        Objects.requireNonNull(saslnameMechName, "saslnameMechName");
        Objects.requireNonNull(saslnameMechDesc, "saslnameMechDesc");
        extensions = List.copyOf(extensions);
    }

    public static MechInfo decode(XdrReader reader) {
        return new MechInfo(
                reader.readOpaque("mech"),
                OpaqueLists.decode(reader, "name_types"),
                OpaqueLists.decode(reader, "mech_attrs"),
                OpaqueLists.decode(reader, "known_mech_attrs"),
                OpaqueLists.decode(reader, "cred_options"),
                OpaqueLists.decode(reader, "sec_ctx_options"),
                reader.readOpaque("saslname_sasl_mech_name"),
                reader.readOpaque("saslname_mech_name"),
                reader.readOpaque("saslname_mech_desc"),
                GssxOption.decodeList(reader, "extensions"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeOpaque(mech);
        OpaqueLists.encode(writer, nameTypes);
        OpaqueLists.encode(writer, mechAttrs);
        OpaqueLists.encode(writer, knownMechAttrs);
        OpaqueLists.encode(writer, credOptions);
        OpaqueLists.encode(writer, secCtxOptions);
        writer.writeOpaque(saslnameSaslMechName).writeOpaque(saslnameMechName).writeOpaque(saslnameMechDesc);
        GssxStruct.encodeList(writer, extensions);
    }
}
