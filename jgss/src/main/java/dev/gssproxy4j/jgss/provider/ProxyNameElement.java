package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.GssProxyProvider;
import dev.gssproxy4j.jgss.gss.ExportedNames;
import dev.gssproxy4j.jgss.gss.GssProxy;
import dev.gssproxy4j.jgss.gss.ProxyName;
import dev.gssproxy4j.jgss.gss.WireOids;
import java.security.Provider;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSNameSpi;

/** A krb5 name element ({@code GSSNameSpi}) over a {@link ProxyName}. */
final class ProxyNameElement implements GSSNameSpi {

    private final GssProxyProvider provider;
    private final ProxyName name;

    ProxyNameElement(GssProxyProvider provider, ProxyName name) {
        this.provider = provider;
        this.name = name;
    }

    /** Wraps {@code name}; null stays null (the JDK's "no name"). */
    static ProxyNameElement of(GssProxyProvider provider, ProxyName name) {
        return name == null ? null : new ProxyNameElement(provider, name);
    }

    /**
     * {@code element} as a {@link ProxyName}: ours directly, another provider's (e.g. the JDK krb5's, from a
     * credential made locally) by its printable form and type, as the JDK's own krb5 converts foreign names.
     */
    static ProxyName unwrap(GssProxy proxy, GSSNameSpi element) throws GSSException {
        if (element == null) {
            return null;
        }
        if (element instanceof ProxyNameElement ours) {
            return ours.name;
        }
        return proxy.importName(element.toString(), element.getStringNameType());
    }

    ProxyName name() {
        return name;
    }

    @Override
    public Provider getProvider() {
        return provider;
    }

    /** GSS_Compare_name, by the krb5 principals' exported forms (the daemon canonicalizes a name the first time). */
    @Override
    public boolean equals(GSSNameSpi other) throws GSSException {
        if (other == null) {
            return false;
        }
        if (other instanceof ProxyNameElement ours) {
            return name.sameAs(ours.name);
        }
        return other.getMechanism().equals(WireOids.KRB5) && name.sameAs(unwrap(provider.proxy(), other));
    }

    @Override
    public boolean equals(Object other) {
        try {
            return other instanceof GSSNameSpi spi && equals(spi);
        } catch (GSSException e) {
            return false; // as the JDK's GSSNameImpl: a name that cannot be compared is not equal
        }
    }

    /**
     * Constant: equality asks the daemon for the canonical principal, which a hash code must not do, and equal
     * names may be written differently ({@code HTTP@host} and {@code HTTP/host@REALM}). The JDK's GSSNameImpl
     * returns a constant for the same reason.
     */
    @Override
    public int hashCode() {
        return 0x6b72_3535;
    }

    /** The krb5 part of the exported name (the JDK adds the RFC 2743 token header around it). */
    @Override
    public byte[] export() throws GSSException {
        return ExportedNames.mechName(name.export(), WireOids.KRB5);
    }

    @Override
    public Oid getMechanism() {
        return WireOids.KRB5;
    }

    @Override
    public String toString() {
        return name.toString();
    }

    @Override
    public Oid getStringNameType() {
        return name.nameType();
    }

    @Override
    public boolean isAnonymousName() {
        return name.isAnonymous();
    }
}
