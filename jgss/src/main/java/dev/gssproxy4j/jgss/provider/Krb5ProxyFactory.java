package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.Behavior;
import dev.gssproxy4j.jgss.GssProxyProvider;
import dev.gssproxy4j.jgss.GssProxySettings;
import dev.gssproxy4j.jgss.gss.ExportedNames;
import dev.gssproxy4j.jgss.gss.GssErrors;
import dev.gssproxy4j.jgss.gss.GssProxy;
import dev.gssproxy4j.jgss.gss.ProxyCredential;
import dev.gssproxy4j.jgss.gss.ProxyName;
import dev.gssproxy4j.jgss.gss.WireOids;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import sun.security.jgss.GSSCaller;
import sun.security.jgss.spi.GSSContextSpi;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.GSSNameSpi;
import sun.security.jgss.spi.MechanismFactory;

/**
 * The krb5 {@code MechanismFactory} the JDK finds under {@code GssApiMechanism.1.2.840.113554.1.2.2} of
 * {@link GssProxyProvider}; the JDK creates one per {@code GSSManager} with the caller it serves (HTTP, SASL, ...).
 *
 * <p>Where a credential comes from follows the provider's {@link GssProxySettings}: the daemon, or the JDK's own
 * krb5 ({@link LocalKrb5}), or one and then the other ({@link Routing}). A context goes with its credential: the
 * JDK asks the factory of the credential's provider, and a local credential is wrapped ({@link LocalCredElement})
 * so that this factory hands it back to the JDK's krb5. A credential acquired by name follows a principal rule
 * ({@link dev.gssproxy4j.jgss.PrincipalRules}) if one names it. Without a credential (the default one), the
 * behaviour for its usage decides; REMOTE_ONLY sends no credential and lets the daemon pick the service's own, as the kernel does.
 */
public final class Krb5ProxyFactory implements MechanismFactory {

    private static final Oid[] NAME_TYPES = {GSSName.NT_USER_NAME, GSSName.NT_HOSTBASED_SERVICE,
        GSSName.NT_EXPORT_NAME, WireOids.KRB5_NT_PRINCIPAL_NAME};

    private final GssProxyProvider provider;
    private final GssProxy proxy;
    private final GssProxySettings settings;
    private final LocalKrb5 local;

    /** As the JDK's {@code ProviderList} creates it (the constructor it looks up reflectively). */
    public Krb5ProxyFactory(GSSCaller caller) {
        this.provider = GssProxyProvider.active();
        this.proxy = provider.proxy();
        this.settings = provider.settings();
        this.local = new LocalKrb5(caller);
    }

    @Override
    public Oid getMechanismOid() {
        return WireOids.KRB5;
    }

    @Override
    public Provider getProvider() {
        return provider;
    }

    @Override
    public Oid[] getNameTypes() {
        return NAME_TYPES.clone();
    }

    @Override
    public GSSNameSpi getNameElement(String nameStr, Oid nameType) throws GSSException {
        return new ProxyNameElement(provider, proxy.importName(nameStr, nameType));
    }

    /** For NT_EXPORT_NAME, {@code name} is the krb5 part only: the JDK took the RFC 2743 header off. */
    @Override
    public GSSNameSpi getNameElement(byte[] name, Oid nameType) throws GSSException {
        ProxyName imported = GSSName.NT_EXPORT_NAME.equals(nameType)
                ? proxy.importExportedName(ExportedNames.token(WireOids.KRB5, name))
                : proxy.importName(new String(name, StandardCharsets.UTF_8), nameType);
        return new ProxyNameElement(provider, imported);
    }

    @Override
    public GSSCredentialSpi getCredentialElement(GSSNameSpi name, int initLifetime, int acceptLifetime, int usage)
            throws GSSException {
        String step = "acquiring a krb5 credential for " + (name == null ? "the default principal" : name);
        Behavior behavior = name == null ? settings.forUsage(usage)
                : settings.forCredential(name.toString(), name.getStringNameType(), usage);
        return Routing.route(behavior, step,
                () -> new ProxyCredElement(provider, proxy.acquire(ProxyNameElement.unwrap(proxy, name), usage,
                        initLifetime, acceptLifetime)),
                () -> new LocalCredElement(provider, local.factory().getCredentialElement(name, initLifetime,
                        acceptLifetime, usage)));
    }

    @Override
    public GSSContextSpi getMechanismContext(GSSNameSpi peer, GSSCredentialSpi myInitiatorCred, int lifetime)
            throws GSSException {
        ProxyName target = ProxyNameElement.unwrap(proxy, peer);
        return switch (myInitiatorCred) {
            case ProxyCredElement remote -> initiator(target, remote.credential(), lifetime);
            case LocalCredElement wrapped -> local.factory().getMechanismContext(peer, wrapped.local(), lifetime);
            case null -> Routing.route(settings.initiate(), "initiating a krb5 context to " + peer,
                    () -> initiator(target, settings.initiate().fallsBack()
                            ? proxy.acquire(null, GSSCredential.INITIATE_ONLY, lifetime, 0) : null, lifetime),
                    () -> local.factory().getMechanismContext(peer, null, lifetime));
            default -> throw foreign(myInitiatorCred);
        };
    }

    private GSSContextSpi initiator(ProxyName target, ProxyCredential credential, int lifetime)
            throws GSSException {
        return new ProxyContextElement(provider, proxy.newInitiator(target, credential, WireOids.KRB5, lifetime));
    }

    @Override
    public GSSContextSpi getMechanismContext(GSSCredentialSpi myAcceptorCred) throws GSSException {
        return switch (myAcceptorCred) {
            case ProxyCredElement remote -> acceptor(remote.credential());
            case LocalCredElement wrapped -> local.factory().getMechanismContext(wrapped.local());
            case null -> Routing.route(settings.accept(), "accepting a krb5 context",
                    () -> acceptor(settings.accept().fallsBack() ? proxy.acquire(null, GSSCredential.ACCEPT_ONLY, 0,
                            GSSCredential.INDEFINITE_LIFETIME) : null),
                    () -> local.factory().getMechanismContext((GSSCredentialSpi) null));
            default -> throw foreign(myAcceptorCred);
        };
    }

    private GSSContextSpi acceptor(ProxyCredential credential) throws GSSException {
        return new ProxyContextElement(provider, proxy.newAcceptor(credential));
    }

    /** A context from {@code ProxyContext.export()}; the JDK itself calls this only for its native provider. */
    @Override
    public GSSContextSpi getMechanismContext(byte[] exportedContext) throws GSSException {
        return new ProxyContextElement(provider, proxy.importContext(exportedContext));
    }

    private static GSSException foreign(GSSCredentialSpi cred) {
        return GssErrors.local(GSSException.NO_CRED, "a credential of provider " + cred.getProvider().getName()
                + " cannot make a context of provider " + GssProxyProvider.NAME);
    }
}
