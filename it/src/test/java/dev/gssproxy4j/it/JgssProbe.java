package dev.gssproxy4j.it;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The first leg of a krb5 context through {@code GSSManager.getInstance()}, as any JDK program starts one, for the
 * failure cases: prints {@code OK <bytes>} or {@code GSSException[major=N]: message} and exits 0 either way.
 *
 * <p>Arguments: the target ({@code service@host}), optionally a mechanism OID (default krb5).
 */
public final class JgssProbe {

    private JgssProbe() {}

    public static void main(String[] args) throws GSSException {
        Oid mech = new Oid(args.length > 1 ? args[1] : "1.2.840.113554.1.2.2");
        try {
            GSSManager manager = GSSManager.getInstance();
            GSSName target = manager.createName(args[0], GSSName.NT_HOSTBASED_SERVICE);
            GSSContext context = manager.createContext(target, mech, null, GSSContext.DEFAULT_LIFETIME);
            byte[] token = context.initSecContext(new byte[0], 0, 0);
            System.out.println("OK " + token.length);
        } catch (GSSException e) {
            System.out.println(Failures.describe(e));
        }
    }
}
