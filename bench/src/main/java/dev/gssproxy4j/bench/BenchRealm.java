package dev.gssproxy4j.bench;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The throwaway realm of a benchmark: a KDC ({@link Realms#kerby()} by default, {@link Realms#mit()} on request),
 * the services {@code HTTP/localhost}, {@code host/localhost} and {@code nfs/localhost} in one keytab, and
 * alice's TGT in a FILE ccache. This process's MIT library
 * is pointed at the realm ({@code setenv} of {@link Realm#environment()}), which the initiator, the context
 * import and the floor use; {@code GSS_USE_PROXY} is unset so nothing here loops through an interposer.
 */
public final class BenchRealm implements AutoCloseable {

    /** The acceptor, as a host-based service name. */
    public static final String SERVICE = "HTTP@localhost";
    private static final String SERVICE_PRINCIPAL = "HTTP/localhost";
    private static final String USER = "alice";
    // A throwaway realm's password, as in the testkit's own fixtures.
    private static final String USER_PASSWORD = "alice-bench-pw";

    private final Realm realm;
    private final Path keytab;
    private final Path ccache;

    private BenchRealm(Realm realm, Path keytab, Path ccache) {
        this.realm = realm;
        this.keytab = keytab;
        this.ccache = ccache;
    }

    /** @param kind {@code kerby} or {@code mit} */
    public static BenchRealm start(String kind) {
        Realm realm = switch (kind) {
            case "kerby" -> Realms.kerby();
            case "mit" -> Realms.mit();
            default -> throw new IllegalArgumentException("--realm must be kerby or mit, got " + kind);
        };
        try {
            realm.addPrincipal(USER, USER_PASSWORD);
            // the three services of a typical host (web, ssh, NFS), as in the interposer workload of issue 16
            Path keytab = realm.keytab("services.keytab", SERVICE_PRINCIPAL, "host/localhost", "nfs/localhost");
            Path ccache = realm.kinit(USER, USER_PASSWORD, "alice.ccache");
            realm.environment().forEach(Posix::setenv);
            Posix.unsetenv("GSS_USE_PROXY");
            return new BenchRealm(realm, keytab, ccache);
        } catch (RuntimeException e) {
            realm.close();
            throw e;
        }
    }

    /** The initiator with alice's ccache, for {@link #SERVICE}. */
    public Initiator initiator() {
        return new Initiator("FILE:" + ccache, SERVICE);
    }

    /** alice's FILE ccache. */
    public Path ccache() {
        return ccache;
    }

    /** alice's FILE ccache, as {@code KRB5CCNAME} names it. */
    public String ccacheName() {
        return "FILE:" + ccache;
    }

    /** The environment of a client process of this realm (no interposer unless the client turns it on). */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(realm.environment());
        env.put("KRB5CCNAME", ccacheName());
        return env;
    }

    public Path keytab() {
        return keytab;
    }

    public Path dir() {
        return realm.dir();
    }

    public long kdcRequests() {
        return realm.kdcRequestCount();
    }

    /** The environment for a daemon: the realm's, with a replay cache directory of its own. */
    public Map<String, String> daemonEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(realm.environment());
        try {
            env.put("KRB5RCACHEDIR", Files.createTempDirectory(realm.dir(), "rcache-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a replay cache directory in " + realm.dir(), e);
        }
        return env;
    }

    @Override
    public void close() {
        realm.close();
    }
}
