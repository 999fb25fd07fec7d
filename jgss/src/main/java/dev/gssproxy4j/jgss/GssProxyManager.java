package dev.gssproxy4j.jgss;

import dev.gssproxy4j.jgss.gss.GssProxy;
import dev.gssproxy4j.jgss.gss.WireOids;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;

/**
 * For programs that set GSS-API up themselves instead of using the agent (they still need the SPI exports, see
 * {@link GssProxyProvider}).
 * <ul>
 *   <li>{@link #install} makes the daemon the JVM's krb5 and Negotiate for every {@code GSSManager}, as the agent
 *       does.</li>
 *   <li>{@link #newManager} returns a {@code GSSManager} that prefers the daemon for krb5 without touching the
 *       JVM's providers. Its SPNEGO still runs on the JVM's providers, because the JDK's SPNEGO builds its own
 *       manager from them: use {@link #install} for Negotiate.</li>
 *   <li>{@link #gssProxy} is the GSS-API layer itself (no SPI needed), e.g. to export a context to another process.
 *   </li>
 * </ul>
 */
public final class GssProxyManager {

    private GssProxyManager() {}

    /** Puts the provider first in the JVM's security providers (once; later calls return the same provider). */
    public static GssProxyProvider install(GssProxySettings settings) {
        return GssProxyProvider.install(settings);
    }

    /** A new {@code GSSManager} whose krb5 is the daemon's. */
    public static GSSManager newManager(GssProxySettings settings) throws GSSException {
        JgssAccess.require(GssProxyManager.class.getModule());
        GssProxyProvider provider = GssProxyProvider.active() == null ? new GssProxyProvider(settings)
                : GssProxyProvider.active();
        GSSManager manager = GSSManager.getInstance();
        manager.addProviderAtFront(provider, WireOids.KRB5);
        return manager;
    }

    /** The GSS-API layer over the daemon of {@code settings}; close it when done. */
    public static GssProxy gssProxy(GssProxySettings settings) {
        return settings.open();
    }
}
