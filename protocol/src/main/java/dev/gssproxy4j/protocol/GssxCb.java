package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/**
 * {@code struct gssx_cb}: channel bindings (RFC 2744 section 3.11). The address fields are deprecated (RFC 5056,
 * RFC 5554); only {@code application_data} matters.
 */
public record GssxCb(long initiatorAddrtype,
                     Opaque initiatorAddress,
                     long acceptorAddrtype,
                     Opaque acceptorAddress,
                     Opaque applicationData) implements GssxStruct {

    public GssxCb {
        Objects.requireNonNull(initiatorAddress, "initiatorAddress");
        Objects.requireNonNull(acceptorAddress, "acceptorAddress");
        Objects.requireNonNull(applicationData, "applicationData");
    }

    /** Bindings with only application data, the only form RFC 5056 recommends. */
    public static GssxCb ofApplicationData(Opaque applicationData) {
        return new GssxCb(0, Opaque.EMPTY, 0, Opaque.EMPTY, applicationData);
    }

    public static GssxCb decode(XdrReader reader) {
        return new GssxCb(
                reader.readHyper("initiator_addrtype"),
                reader.readOpaque("initiator_address"),
                reader.readHyper("acceptor_addrtype"),
                reader.readOpaque("acceptor_address"),
                reader.readOpaque("application_data"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeHyper(initiatorAddrtype).writeOpaque(initiatorAddress).writeHyper(acceptorAddrtype)
                .writeOpaque(acceptorAddress).writeOpaque(applicationData);
    }
}
