package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.GssProxyProvider;
import java.security.Provider;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.GSSNameSpi;

/**
 * A credential of the JDK's own krb5 (routing chose "local") that names this provider as its provider: the JDK
 * creates a credential's contexts with the factory of {@code getProvider()}, and only this provider's factory knows
 * to hand the JDK's krb5 a name element of its own kind. Everything else is the JDK's credential.
 */
final class LocalCredElement implements GSSCredentialSpi {

    private final GssProxyProvider provider;
    private final GSSCredentialSpi local;

    LocalCredElement(GssProxyProvider provider, GSSCredentialSpi local) {
        this.provider = provider;
        this.local = local;
    }

    GSSCredentialSpi local() {
        return local;
    }

    @Override
    public Provider getProvider() {
        return provider;
    }

    @Override
    public void dispose() throws GSSException {
        local.dispose();
    }

    @Override
    public GSSNameSpi getName() throws GSSException {
        return local.getName();
    }

    @Override
    public int getInitLifetime() throws GSSException {
        return local.getInitLifetime();
    }

    @Override
    public int getAcceptLifetime() throws GSSException {
        return local.getAcceptLifetime();
    }

    @Override
    public boolean isInitiatorCredential() throws GSSException {
        return local.isInitiatorCredential();
    }

    @Override
    public boolean isAcceptorCredential() throws GSSException {
        return local.isAcceptorCredential();
    }

    @Override
    public Oid getMechanism() {
        return local.getMechanism();
    }

    @Override
    public GSSCredentialSpi impersonate(GSSNameSpi name) throws GSSException {
        return new LocalCredElement(provider, local.impersonate(name));
    }

    @Override
    public String toString() {
        return "local " + local;
    }
}
