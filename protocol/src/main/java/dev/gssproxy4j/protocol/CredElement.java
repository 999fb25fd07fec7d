package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_cred_element}: one mechanism element of a credential ({@code gss_inquire_cred_by_mech}
 * outputs). The {@code *_time_rec} values are, as upstream fills them, seconds remaining when the handle was issued
 * (not epoch times as the {@code .x} comment says), never refreshed; GSS_C_INDEFINITE is {@code 0xffffffff}.
 */
public record CredElement(@WireField(name = "MN") GssxName mn,
                          @WireField(Display.OID) Opaque mech,
                          CredUsage credUsage,
                          long initiatorTimeRec,
                          long acceptorTimeRec,
                          List<GssxOption> options) implements GssxStruct {

    public CredElement {
        Objects.requireNonNull(mn, "mn");
        Objects.requireNonNull(mech, "mech");
        Objects.requireNonNull(credUsage, "credUsage");
        options = List.copyOf(options);
    }

    public static CredElement decode(XdrReader reader) {
        return new CredElement(
                reader.struct("MN", GssxName::decode),
                reader.readOpaque("mech"),
                reader.readEnum("cred_usage", CredUsage.class),
                reader.readHyper("initiator_time_rec"),
                reader.readHyper("acceptor_time_rec"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        mn.encode(writer);
        writer.writeOpaque(mech).writeEnum(credUsage).writeHyper(initiatorTimeRec).writeHyper(acceptorTimeRec);
        GssxStruct.encodeList(writer, options);
    }
}
