package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;

/**
 * A credential the daemon holds (RFC 2743 section 2.1): this side has only the daemon's sealed handle, which it
 * sends back verbatim; the keytab or ticket cache behind it never leaves the daemon. The handle may be replaced by a
 * refreshed one the daemon returns after a context ({@code sync_creds}, e.g. with a service ticket it obtained), so
 * later contexts skip that KDC round trip. Thread-safe.
 */
public final class ProxyCredential {

    private final GssProxy proxy;
    private final ProxyName name;
    private final int usage;
    private final Lifetime initLifetime;
    private final Lifetime acceptLifetime;
    private volatile GssxCred handle;

    private ProxyCredential(GssProxy proxy, GssxCred handle, ProxyName name, int usage, Lifetime initLifetime,
                            Lifetime acceptLifetime) {
        this.proxy = proxy;
        this.handle = handle;
        this.name = name;
        this.usage = usage;
        this.initLifetime = initLifetime;
        this.acceptLifetime = acceptLifetime;
    }

    /** A handle from ACQUIRE_CRED or a delegated one from ACCEPT_SEC_CONTEXT, described by its krb5 element. */
    static ProxyCredential of(GssProxy proxy, GssxCred handle) throws GSSException {
        CredElement element = handle.elements().stream()
                .filter(e -> e.mech().equals(WireOids.toWire(WireOids.KRB5)))
                .findFirst()
                .or(() -> handle.elements().stream().findFirst())
                .orElseThrow(() -> GssErrors.local(GSSException.NO_CRED, "the daemon returned a credential without"
                        + " any mechanism element"));
        ProxyName name = ProxyName.ofDaemon(proxy, element.mn());
        if (name == null) {
            name = ProxyName.ofDaemon(proxy, handle.desiredName());
        }
        return new ProxyCredential(proxy, handle, name, jdkUsage(element.credUsage()),
                Lifetime.fromNow(element.initiatorTimeRec()), Lifetime.fromNow(element.acceptorTimeRec()));
    }

    private static int jdkUsage(CredUsage usage) {
        return switch (usage) {
            case INITIATE -> GSSCredential.INITIATE_ONLY;
            case ACCEPT -> GSSCredential.ACCEPT_ONLY;
            case BOTH -> GSSCredential.INITIATE_AND_ACCEPT;
        };
    }

    GssxCred handle() {
        return handle;
    }

    /** Takes the refreshed handle the daemon sent with a context ({@code sync_creds}). */
    void refresh(GssxCred refreshed) {
        handle = refreshed;
    }

    /** The principal, or null if the daemon did not name it. */
    public ProxyName name() {
        return name;
    }

    /** {@link GSSCredential#INITIATE_ONLY}, {@link GSSCredential#ACCEPT_ONLY} or INITIATE_AND_ACCEPT. */
    public int usage() {
        return usage;
    }

    public boolean canInitiate() {
        return usage != GSSCredential.ACCEPT_ONLY;
    }

    public boolean canAccept() {
        return usage != GSSCredential.INITIATE_ONLY;
    }

    /** Seconds this credential can still initiate (0 if it cannot). */
    public int initLifetime() {
        return canInitiate() ? initLifetime.remaining() : 0;
    }

    /** Seconds this credential can still accept (0 if it cannot). */
    public int acceptLifetime() {
        return canAccept() ? acceptLifetime.remaining() : 0;
    }

    /**
     * GSS_Acquire_cred_impersonate_name (RFC 5587-era MIT extension, Kerberos S4U2Self): a credential for
     * {@code user} obtained with this one, if the daemon's policy allows it (its service must be {@code trusted}
     * or {@code impersonate = yes}).
     */
    public ProxyCredential impersonate(ProxyName user) throws GSSException {
        return proxy.impersonate(this, user);
    }

    @Override
    public String toString() {
        return "ProxyCredential[" + name + ", usage " + usage + ", via " + proxy.socket() + "]";
    }
}
