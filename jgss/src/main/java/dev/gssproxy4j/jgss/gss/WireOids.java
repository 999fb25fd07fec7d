package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Arrays;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * Between {@link Oid} (whose DER form carries tag and length) and {@code gssx_OID} (the DER content octets only,
 * as upstream copies {@code gss_OID->elements}).
 */
public final class WireOids {

    // The values are the protocol's (Oids), in the JDK's type: one definition of each OID on the client side too.
    public static final Oid KRB5 = jdk(Oids.KRB5);
    public static final Oid SPNEGO = jdk(Oids.SPNEGO);
    public static final Oid NT_EXPORT_NAME = jdk(Oids.NT_EXPORT_NAME);
    public static final Oid NT_ANONYMOUS = jdk(Oids.NT_ANONYMOUS);
    /** {@code GSS_KRB5_NT_PRINCIPAL_NAME}: what krb5 display names are, and what a name without a type means. */
    public static final Oid KRB5_NT_PRINCIPAL_NAME = jdk(Oids.KRB5_NT_PRINCIPAL_NAME);

    private WireOids() {}

    private static Oid jdk(Opaque wire) {
        return oid(Oids.toDotted(wire));
    }

    static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }

    /** The content octets of {@code oid}'s DER encoding. */
    public static Opaque toWire(Oid oid) {
        try {
            byte[] der = oid.getDER();
            int lengthOctet = der[1] & 0xff;
            int header = lengthOctet < 0x80 ? 2 : 2 + (lengthOctet & 0x7f);
            return Opaque.of(Arrays.copyOfRange(der, header, der.length));
        } catch (GSSException e) {
            throw new IllegalArgumentException("cannot encode OID " + oid, e);
        }
    }

    /**
     * The OID whose content octets are {@code wire}.
     *
     * @throws GSSException BAD_MECH if the bytes are not a valid OID (they come from the daemon)
     */
    public static Oid fromWire(Opaque wire) throws GSSException {
        try {
            return new Oid(Oids.toDotted(wire));
        } catch (IllegalArgumentException e) {
            throw GssErrors.local(GSSException.BAD_MECH, "the daemon sent an invalid OID: " + e.getMessage());
        }
    }
}
