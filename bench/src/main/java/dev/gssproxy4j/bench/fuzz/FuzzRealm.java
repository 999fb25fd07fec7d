package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fuzzer's throwaway realm: an embedded Kerby KDC (starts in well under a second, no child process to leak),
 * the services {@code host/localhost} and {@code nfs/localhost} with a keytab for both and one for nfs alone, and
 * the user alice with a password and a keytab that the initiator service uses as its {@code client_keytab}. This
 * JVM never calls MIT itself: every token is made by the daemon under test.
 */
final class FuzzRealm implements AutoCloseable {

    static final String ACCEPTOR_SERVICE = "host@localhost";
    static final String NFS_SERVICE = "nfs@localhost";
    static final String USER = "alice";
    // A throwaway realm's password, as in the testkit's own fixtures.
    private static final String USER_PASSWORD = "alice-fuzz-pw";

    private final Realm realm;
    private final Path servicesKeytab;
    private final Path nfsKeytab;
    private final Path userKeytab;

    private FuzzRealm(Realm realm, Path servicesKeytab, Path nfsKeytab, Path userKeytab) {
        this.realm = realm;
        this.servicesKeytab = servicesKeytab;
        this.nfsKeytab = nfsKeytab;
        this.userKeytab = userKeytab;
    }

    static FuzzRealm start() {
        Realm realm = Realms.kerby();
        try {
            realm.addPrincipal(USER, USER_PASSWORD);
            Path services = realm.keytab("services.keytab", "host/localhost", "nfs/localhost");
            Path nfs = realm.keytab("nfs.keytab", "nfs/localhost");
            Path user = realm.keytab("alice.keytab", USER);
            return new FuzzRealm(realm, services, nfs, user);
        } catch (RuntimeException e) {
            realm.close();
            throw e;
        }
    }

    String name() {
        return realm.name();
    }

    Path servicesKeytab() {
        return servicesKeytab;
    }

    Path nfsKeytab() {
        return nfsKeytab;
    }

    Path userKeytab() {
        return userKeytab;
    }

    /**
     * The daemon's environment: the realm's, a replay cache of its own, and glibc's heap checks so that native heap
     * corruption aborts at the faulty call instead of corrupting later ones: {@code MALLOC_CHECK_=3} (report and
     * abort) and {@code MALLOC_PERTURB_=165} (fill freed and new memory, so use-after-free reads garbage). Since
     * glibc 2.34 {@code MALLOC_CHECK_} only works with {@code libc_malloc_debug.so} preloaded, which is done when
     * the library is installed.
     */
    Map<String, String> daemonEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(realm.environment());
        try {
            env.put("KRB5RCACHEDIR", Files.createTempDirectory(realm.dir(), "rcache-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a replay cache directory in " + realm.dir(), e);
        }
        if ("0".equals(System.getenv("FUZZ_MALLOC_CHECKS"))) {
            return env;
        }
        env.put("MALLOC_CHECK_", "3");
        env.put("MALLOC_PERTURB_", "165");
        for (String dir : new String[] {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
                "/lib/aarch64-linux-gnu"}) {
            Path debug = Path.of(dir, "libc_malloc_debug.so.0");
            if (Files.isRegularFile(debug)) {
                env.put("LD_PRELOAD", debug.toString());
                break;
            }
        }
        return env;
    }

    @Override
    public void close() {
        realm.close();
    }
}
