package dev.gssproxy4j.mech;

/**
 * RFC 2744 section 3.11 {@code gss_channel_bindings_struct}. Address types are the {@code GSS_C_AF_*} values;
 * krb5 only checks {@code applicationData} in practice (RFC 4121 section 4.1.1.2). Arrays are copied when
 * passed to the library; null arrays mean empty.
 */
public record ChannelBindings(int initiatorAddrType, byte[] initiatorAddress,
                              int acceptorAddrType, byte[] acceptorAddress, byte[] applicationData) {

    /** {@code GSS_C_AF_UNSPEC}. */
    public static final int AF_UNSPEC = 0;

    public ChannelBindings {
        initiatorAddress = initiatorAddress == null ? new byte[0] : initiatorAddress.clone();
        acceptorAddress = acceptorAddress == null ? new byte[0] : acceptorAddress.clone();
        applicationData = applicationData == null ? new byte[0] : applicationData.clone();
    }

    /** Bindings with only application data (e.g. RFC 5929 tls-server-end-point). */
    public static ChannelBindings ofApplicationData(byte[] applicationData) {
        return new ChannelBindings(AF_UNSPEC, null, AF_UNSPEC, null, applicationData);
    }

    @Override
    public String toString() {
        return "ChannelBindings[initiator=" + initiatorAddrType + "/" + Redact.bytes(initiatorAddress)
                + ", acceptor=" + acceptorAddrType + "/" + Redact.bytes(acceptorAddress)
                + ", application=" + Redact.bytes(applicationData) + "]";
    }
}
