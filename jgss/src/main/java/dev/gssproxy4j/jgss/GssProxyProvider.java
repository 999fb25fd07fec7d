package dev.gssproxy4j.jgss;

import dev.gssproxy4j.jgss.gss.GssProxy;
import java.security.Provider;
import java.security.Security;

/**
 * The {@code java.security.Provider} that makes the GSS-Proxy daemon the JDK's Kerberos 5 mechanism: it registers
 * {@code GssApiMechanism.1.2.840.113554.1.2.2}, which the JDK's {@code sun.security.jgss.ProviderList} looks for in
 * every provider, in security order. Placed first, it is what {@code GSSManager.getInstance()} uses for krb5, and,
 * through the JDK's own SPNEGO (which asks the providers for krb5 again), for Negotiate.
 *
 * <p>The mechanism classes implement the JDK's internal {@code sun.security.jgss.spi}, so the JVM must export it
 * (and {@code sun.security.jgss}) to the class path: the agent ({@link GssProxyAgent}) does that itself, otherwise
 * run with {@code --add-exports java.security.jgss/sun.security.jgss.spi=ALL-UNNAMED --add-exports
 * java.security.jgss/sun.security.jgss=ALL-UNNAMED}.
 *
 * <p>One provider serves the whole JVM: the JDK instantiates the mechanism factory by class name, so the factory
 * finds its provider through {@link #active()}.
 */
public final class GssProxyProvider extends Provider {

    public static final String NAME = "GssProxy4j";
    /** Named as a string: loading the class needs the SPI export, which {@link JgssAccess} checks first. */
    static final String KRB5_FACTORY = "dev.gssproxy4j.jgss.provider.Krb5ProxyFactory";
    private static final String KRB5 = "1.2.840.113554.1.2.2";

    private static volatile GssProxyProvider active;

    private final transient GssProxySettings settings;
    private final transient GssProxy proxy;

    /** With settings from system properties and environment, for a {@code security.provider.N} entry. */
    public GssProxyProvider() {
        this(GssProxySettings.resolve(null));
    }

    /** A provider for {@code settings}; the first one constructed becomes {@link #active()}. */
    public GssProxyProvider(GssProxySettings settings) {
        super(NAME, "1.0", "Kerberos 5 (GSS-API) through the GSS-Proxy daemon at " + settings.connection().socket()
                + "; initiate " + settings.initiate() + ", accept " + settings.accept());
        this.settings = settings;
        this.proxy = settings.open();
        put("GssApiMechanism." + KRB5, KRB5_FACTORY);
        synchronized (GssProxyProvider.class) {
            if (active == null) {
                active = this;
            }
        }
    }

    /**
     * Creates the JVM's provider for {@code settings} and puts it first in the security providers, or returns the
     * one already installed (whose settings stay).
     *
     * @throws IllegalStateException if the JDK's mechanism SPI is not exported to this code
     */
    public static synchronized GssProxyProvider install(GssProxySettings settings) {
        JgssAccess.require(GssProxyProvider.class.getModule());
        if (Security.getProvider(NAME) instanceof GssProxyProvider installed) {
            return installed;
        }
        GssProxyProvider provider = active != null ? active : new GssProxyProvider(settings);
        Security.insertProviderAt(provider, 1);
        return provider;
    }

    /** The provider the mechanism factory serves: the first one constructed, else one with default settings. */
    public static GssProxyProvider active() {
        GssProxyProvider current = active;
        return current != null ? current : new GssProxyProvider();
    }

    public GssProxySettings settings() {
        return settings;
    }

    /** The GSS-API layer this provider's mechanism runs on. */
    public GssProxy proxy() {
        return proxy;
    }
}
