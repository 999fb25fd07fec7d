package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.protocol.GssxCb;
import dev.gssproxy4j.xdr.Opaque;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.ietf.jgss.ChannelBinding;

/**
 * {@link ChannelBinding} as {@code gssx_cb}, with the address types the JDK's own krb5 hashes (RFC 2744 section
 * 3.11: GSS_C_AF_INET 2, GSS_C_AF_INET6 24), so a peer using the JDK's mechanism computes the same bindings: an
 * absent address is GSS_C_AF_NULLADDR (255), except in the JDK's TLS bindings (RFC 5929 tls-server-end-point, as
 * {@code HttpURLConnection} and LDAP set them), which use GSS_C_AF_UNSPEC (0) as the JDK does.
 */
final class ChannelBindings {

    private static final long AF_UNSPEC = 0;
    private static final long AF_INET = 2;
    private static final long AF_INET6 = 24;
    private static final long AF_NULLADDR = 255;
    private static final String JDK_TLS_BINDING = "sun.security.jgss.krb5.internal.TlsChannelBindingImpl";

    private ChannelBindings() {}

    static GssxCb toWire(ChannelBinding cb) {
        long absent = cb.getClass().getName().equals(JDK_TLS_BINDING) ? AF_UNSPEC : AF_NULLADDR;
        byte[] data = cb.getApplicationData();
        return new GssxCb(type(cb.getInitiatorAddress(), absent), address(cb.getInitiatorAddress()),
                type(cb.getAcceptorAddress(), absent), address(cb.getAcceptorAddress()),
                data == null ? Opaque.EMPTY : Opaque.of(data));
    }

    private static long type(InetAddress address, long absent) {
        return switch (address) {
            case Inet4Address v4 -> AF_INET;
            case Inet6Address v6 -> AF_INET6;
            case null, default -> absent;
        };
    }

    private static Opaque address(InetAddress address) {
        return address == null ? Opaque.EMPTY : Opaque.of(address.getAddress());
    }
}
