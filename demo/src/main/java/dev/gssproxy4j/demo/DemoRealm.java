package dev.gssproxy4j.demo;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The demo's throwaway realm: Kerby's KDC in this process, the user alice with her initial ticket in a FILE ccache,
 * and keytabs for {@code HTTP/localhost} and {@code host/localhost}. No Kerberos program runs, so none need be
 * installed: Kerby writes the keytabs, and MIT's library gets alice's ticket from the KDC with her password
 * ({@code gss_acquire_cred_with_password}, the exchange {@code kinit} makes) and writes the ccache itself
 * ({@code gss_store_cred_into}), so MIT's {@code gss-client} reads it as it reads one {@code kinit} wrote.
 */
record DemoRealm(Realm realm, Path httpKeytab, Path hostKeytab, Path aliceCcache) implements AutoCloseable {

    static final String USER = "alice";

    /** Starts the KDC and points this process's MIT library at it (C environment) with alice's ccache as default. */
    static DemoRealm start() {
        Realm realm = Realms.kerby();
        try {
            // nobody types it: alice's ticket is in the ccache, and the realm is gone when the demo stops
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            realm.addPrincipal(USER, password);
            Path http = realm.keytab("http.keytab", "HTTP/localhost");
            Path host = realm.keytab("host.keytab", "host/localhost");
            realm.environment().forEach(Posix::setenv);
            Path ccache = realm.dir().resolve(USER + ".ccache");
            login(realm.principal(USER), password, ccache);
            Posix.setenv("KRB5CCNAME", "FILE:" + ccache);
            return new DemoRealm(realm, http, host, ccache);
        } catch (RuntimeException | Error e) {
            realm.close();
            throw e;
        }
    }

    private static void login(String principal, String password, Path ccache) {
        Gss gss = Gss.get();
        try (GssName name = gss.importName(principal, Oid.KRB5_NT_PRINCIPAL_NAME);
             GssCred tgt = gss.acquireCredWithPassword(name, password.getBytes(StandardCharsets.UTF_8),
                     Gss.LIFETIME_DEFAULT, List.of(Oid.KRB5), CredUsage.INITIATE)) {
            gss.storeCredInto(tgt, CredUsage.INITIATE, Oid.KRB5, true, false, Map.of("ccache", "FILE:" + ccache));
        }
    }

    @Override
    public void close() {
        realm.close();
    }
}
