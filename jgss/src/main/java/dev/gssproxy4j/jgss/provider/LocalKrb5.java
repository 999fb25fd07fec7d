package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.gss.GssErrors;
import dev.gssproxy4j.jgss.gss.WireOids;
import java.security.Provider;
import java.security.Security;
import org.ietf.jgss.GSSException;
import sun.security.jgss.GSSCaller;
import sun.security.jgss.ProviderList;
import sun.security.jgss.spi.MechanismFactory;

/**
 * The JDK's own krb5 mechanism (provider SunJGSS), for routing's local side. Obtained the first time it is needed
 * and never before, so a JVM that routes everything to the daemon loads none of its classes: it is what reads
 * keytabs and ticket caches and does Kerberos crypto in the JVM.
 */
final class LocalKrb5 {

    private static final String SUN_JGSS = "SunJGSS";

    private final GSSCaller caller;
    private MechanismFactory factory;

    LocalKrb5(GSSCaller caller) {
        this.caller = caller;
    }

    /** The JDK's krb5 factory for the same caller (which decides, e.g., whether a Subject's credentials count). */
    synchronized MechanismFactory factory() throws GSSException {
        if (factory == null) {
            Provider sunJgss = Security.getProvider(SUN_JGSS);
            if (sunJgss == null) {
                throw GssErrors.local(GSSException.BAD_MECH, "local Kerberos needs the JDK's provider " + SUN_JGSS
                        + ", which is not installed in this JVM");
            }
            // ProviderList instantiates the factory from inside java.security.jgss, where its package is visible.
            factory = new ProviderList(caller, false).getMechFactory(WireOids.KRB5, sunJgss);
        }
        return factory;
    }
}
