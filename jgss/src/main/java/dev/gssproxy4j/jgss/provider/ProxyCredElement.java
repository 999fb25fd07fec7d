package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.GssProxyProvider;
import dev.gssproxy4j.jgss.gss.ProxyCredential;
import dev.gssproxy4j.jgss.gss.WireOids;
import java.security.Provider;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.GSSNameSpi;

/** A krb5 credential element ({@code GSSCredentialSpi}) held by the daemon: a {@link ProxyCredential}. */
final class ProxyCredElement implements GSSCredentialSpi {

    private final GssProxyProvider provider;
    private final ProxyCredential credential;

    ProxyCredElement(GssProxyProvider provider, ProxyCredential credential) {
        this.provider = provider;
        this.credential = credential;
    }

    ProxyCredential credential() {
        return credential;
    }

    @Override
    public Provider getProvider() {
        return provider;
    }

    /** Nothing to release: the daemon's handles are stateless (upstream answers RELEASE_HANDLE UNAVAILABLE). */
    @Override
    public void dispose() {
    }

    @Override
    public GSSNameSpi getName() {
        return ProxyNameElement.of(provider, credential.name());
    }

    @Override
    public int getInitLifetime() {
        return credential.initLifetime();
    }

    @Override
    public int getAcceptLifetime() {
        return credential.acceptLifetime();
    }

    @Override
    public boolean isInitiatorCredential() {
        return credential.canInitiate();
    }

    @Override
    public boolean isAcceptorCredential() {
        return credential.canAccept();
    }

    @Override
    public Oid getMechanism() {
        return WireOids.KRB5;
    }

    /** S4U2Self through the daemon, where its configuration allows it for this caller. */
    @Override
    public GSSCredentialSpi impersonate(GSSNameSpi name) throws GSSException {
        return new ProxyCredElement(provider, credential.impersonate(ProxyNameElement.unwrap(provider.proxy(), name)));
    }

    @Override
    public String toString() {
        return credential.toString();
    }
}
