package dev.gssproxy4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.admin.kadmin.local.LocalKadmin;
import org.apache.kerby.kerberos.kerb.admin.kadmin.local.LocalKadminImpl;
import org.apache.kerby.kerberos.kerb.identity.backend.BackendConfig;
import org.apache.kerby.kerberos.kerb.identity.backend.IdentityBackend;
import org.apache.kerby.kerberos.kerb.server.KdcConfig;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.KdcContext;
import org.apache.kerby.kerberos.kerb.server.KdcHandler;
import org.apache.kerby.kerberos.kerb.server.KdcSetting;
import org.apache.kerby.kerberos.kerb.server.KdcUtil;
import org.apache.kerby.kerberos.kerb.server.preauth.PreauthHandler;

/**
 * A realm served in-process by Apache Kerby: its KDC engine ({@link KdcHandler}), in-memory principal database and
 * local admin API ({@link LocalKadminImpl}) — the parts {@code SimpleKdcServer} assembles — behind
 * {@link KerbyTransport}.
 *
 * <p>{@code SimpleKdcServer} itself is not used because it sets the JVM-wide system property
 * {@code java.security.krb5.conf} (two realms in one JVM would overwrite each other's) and uses Kerby's polling
 * network layer. Enctypes are aes256/aes128-cts-hmac-sha1-96 only: Kerby's default adds des3, and it has no
 * RFC 8009 enctypes.
 *
 * <p>Kerby treats any padata in an AS-REQ as pre-authentication, and MIT's first AS-REQ always carries some
 * (not a timestamp), so MIT {@code kinit} gets its TGT in one round trip without a PREAUTH_REQUIRED exchange; the
 * reply is still encrypted in the password's key, so a wrong password fails.
 */
final class KerbyRealm implements Realm {

    private static final long DAY_SECONDS = 24 * 3600L;

    private final String name;
    private final RealmDir dir;
    private final IdentityBackend backend;
    private final LocalKadmin kadmin;
    private final KerbyTransport transport;

    private KerbyRealm(String name, RealmDir dir, IdentityBackend backend, LocalKadmin kadmin,
                       KerbyTransport transport) {
        this.name = name;
        this.dir = dir;
        this.backend = backend;
        this.kadmin = kadmin;
        this.transport = transport;
    }

    static KerbyRealm start(String name) {
        RealmDir dir = RealmDir.create(name);
        IdentityBackend backend = null;
        try {
            KdcConfig config = new KdcConfig();
            config.setString(KdcConfigKey.KDC_REALM, name);
            config.setString(KdcConfigKey.ENCRYPTION_TYPES, String.join(" ", Enctypes.KERBY));
            config.setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, DAY_SECONDS);
            config.setLong(KdcConfigKey.MAXIMUM_RENEWABLE_LIFETIME, 7 * DAY_SECONDS);
            BackendConfig backendConfig = new BackendConfig();
            KdcSetting setting = new KdcSetting(config, backendConfig);
            backend = KdcUtil.getBackend(backendConfig);
            backend.start();
            LocalKadmin kadmin = new LocalKadminImpl(setting, backend);
            kadmin.createBuiltinPrincipals();

            KdcContext context = new KdcContext(setting);
            context.setIdentityService(backend);
            PreauthHandler preauth = new PreauthHandler();
            preauth.init();
            context.setPreauthHandler(preauth);
            KerbyTransport transport = KerbyTransport.start(new KdcHandler(context));

            dir.write(RealmDir.KRB5_CONF, new Krb5Conf(name, transport.port(), Enctypes.KERBY).render());
            return new KerbyRealm(name, dir, backend, kadmin, transport);
        } catch (KrbException | RuntimeException e) {
            stopQuietly(backend);
            dir.delete();
            throw new RealmException("cannot start the Kerby KDC for realm " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path dir() {
        return dir.root();
    }

    @Override
    public Path krb5Conf() {
        return dir.file(RealmDir.KRB5_CONF);
    }

    @Override
    public int kdcPort() {
        return transport.port();
    }

    @Override
    public Map<String, String> environment() {
        return dir.environment(Map.of());
    }

    @Override
    public synchronized void addPrincipal(String principal, String password) {
        String full = principal(principal);
        try {
            kadmin.addPrincipal(full, password);
        } catch (KrbException e) {
            throw new RealmException("cannot add principal " + full + " to Kerby realm: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void addRandomKeyPrincipal(String principal) {
        String full = principal(principal);
        try {
            kadmin.addPrincipal(full);
        } catch (KrbException e) {
            throw new RealmException("cannot add principal " + full + " to Kerby realm: " + e.getMessage(), e);
        }
    }

    /** Exports the stored keys as they are (Kerby's export does not re-randomise, unlike MIT's plain ktadd). */
    @Override
    public synchronized Path keytab(String fileName, String... principals) {
        Path keytab = dir.file(fileName);
        List<String> names = new ArrayList<>();
        try {
            for (String principal : principals) {
                String full = principal(principal);
                if (kadmin.getPrincipal(full) == null) {
                    kadmin.addPrincipal(full);
                }
                names.add(full);
            }
            Files.deleteIfExists(keytab);
            kadmin.exportKeytab(keytab.toFile(), names);
            // Owner-only, as MIT's ktadd writes it.
            Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-------"));
            return keytab;
        } catch (KrbException e) {
            throw new RealmException("cannot write keytab " + keytab + " for " + names + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keytab " + keytab, e);
        }
    }

    @Override
    public Path kinit(String principal, String password, String ccacheFileName) {
        return Kinit.withPassword(this, principal(principal), password, ccacheFileName);
    }

    @Override
    public long kdcRequestCount() {
        return transport.requestCount();
    }

    @Override
    public synchronized void close() {
        transport.close();
        stopQuietly(backend);
        dir.delete();
    }

    @Override
    public String toString() {
        return "KerbyRealm[" + name + " on 127.0.0.1:" + transport.port() + ", " + dir.root() + "]";
    }

    private static void stopQuietly(IdentityBackend backend) {
        if (backend == null) {
            return;
        }
        try {
            backend.stop();
        } catch (KrbException e) {
            // An in-memory backend has nothing to release.
        }
    }
}
