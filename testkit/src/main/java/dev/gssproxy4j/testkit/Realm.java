package dev.gssproxy4j.testkit;

import java.nio.file.Path;
import java.util.Map;

/**
 * A throwaway Kerberos realm for one test class or one demo run, in the spirit of MIT krb5's {@code k5test.py}:
 * a KDC on a free loopback port, a temporary directory with a {@code krb5.conf} that points at it, and helpers to
 * add principals, write keytabs and obtain tickets. Create one with {@link Realms#kerby()} (embedded, in-process,
 * aes-sha1 only), {@link Realms#mit()} (Debian's {@code krb5kdc} as a child process, also RFC 8009 aes-sha2 and
 * S4U2Self) or {@link Realms#mitLdap()} (the same on a private slapd, also constrained delegation);
 * {@link #close()} stops the KDC and deletes the directory.
 *
 * <h2>Pointing MIT krb5 at the realm</h2>
 * MIT's libraries find their configuration, credential caches, keytabs and replay caches through the process
 * environment ({@link #environment()}: {@code KRB5_CONFIG}, {@code KRB5CCNAME}, {@code KRB5_KTNAME},
 * {@code KRB5_CLIENT_KTNAME}, {@code KRB5RCACHEDIR}).
 * <ul>
 *   <li><b>Child processes</b> ({@code kinit}, {@code klist}, {@code kvno}, {@code gss-client}, {@code gss-server},
 *       upstream {@code gssproxy}) get the map as their environment, e.g. through
 *       {@link ChildProcess.Builder#environment(Map)}.</li>
 *   <li><b>libgssapi_krb5 inside this JVM</b> reads the C environment ({@code getenv}), which
 *       {@link System#getenv()} cannot change. The mech module therefore calls {@code setenv(3)} through FFM for
 *       each entry before its first GSS call. MIT reads {@code KRB5_CONFIG} each time it creates a krb5 context
 *       (every {@code gss_acquire_cred}/{@code gss_init_sec_context} without a context makes one), so a later
 *       {@code setenv} takes effect for later calls; the ccache and keytab variables are read when a default
 *       ccache or keytab is resolved. Because the environment is process-wide, one JVM can use only one realm
 *       through the defaults at a time; explicit ccache/keytab names (e.g. {@code gss_acquire_cred_from}) avoid
 *       that.</li>
 * </ul>
 * The directory is world-readable (keys in it are throwaway) so that programs run as another uid can read
 * {@code krb5.conf}; the replay cache directory is world-writable with the sticky bit.
 *
 * <p>Principal arguments may be short ({@code "alice"}, {@code "HTTP/localhost"}); the realm is appended.
 * File-name arguments are plain names inside {@link #dir()}. Methods are thread-safe.
 */
public interface Realm extends AutoCloseable {

    /** The realm name, e.g. {@code GSSPROXY4J.TEST}. */
    String name();

    /** The temporary directory that holds the configuration, database, logs, keytabs and ccaches. */
    Path dir();

    /**
     * The {@code krb5.conf} for MIT clients: {@code kdc = 127.0.0.1:port}, {@code udp_preference_limit = 1} (TCP
     * first), {@code default_realm}, no DNS, {@code rdns = false}, the realm's enctypes, 1-day renewable forwardable
     * tickets, and {@code localhost} mapped to the realm.
     */
    Path krb5Conf();

    /** The 127.0.0.1 port the KDC serves on, over both TCP and UDP. */
    int kdcPort();

    /**
     * Environment variables that point MIT krb5 at this realm: {@code KRB5_CONFIG}, {@code KRB5CCNAME}
     * ({@code FILE:<dir>/ccache-default}), {@code KRB5_KTNAME} ({@code FILE:<dir>/default.keytab}),
     * {@code KRB5_CLIENT_KTNAME} ({@code FILE:<dir>/client.keytab}), {@code KRB5RCACHEDIR} ({@code <dir>/rcache});
     * the MIT realm adds {@code KRB5_KDC_PROFILE} for its admin tools. See the class comment for how to apply it.
     */
    Map<String, String> environment();

    /** Adds a user principal whose keys derive from {@code password}. */
    void addPrincipal(String principal, String password);

    /**
     * Adds a service principal with random keys. On the MIT realm it carries {@code +ok_to_auth_as_delegate}, so
     * its S4U2Self tickets are forwardable (usable for S4U2Proxy).
     */
    void addRandomKeyPrincipal(String principal);

    /**
     * Lets service principal {@code service} get S4U2Proxy (constrained delegation) tickets for exactly
     * {@code targets}, replacing any earlier list (none: no delegation). Only the MIT realm on LDAP
     * ({@link Realms#mitLdap()}) stores this ACL ({@code krbAllowedToDelegateTo}); the KDC applies a change at the
     * next request.
     *
     * @throws RealmException on a realm without the ACL (Kerby, MIT with db2)
     */
    default void allowDelegation(String service, String... targets) {
        throw new RealmException("this realm stores no constrained-delegation ACL; use Realms.mitLdap()");
    }

    /**
     * Writes {@code <dir>/<fileName>}, replacing any earlier file of that name, with the current keys of
     * {@code principals} (keys are not changed: tickets issued before and after stay valid). Principals that do
     * not exist yet are first created with random keys, as by {@link #addRandomKeyPrincipal}.
     */
    Path keytab(String fileName, String... principals);

    /**
     * Obtains a TGT for {@code principal} with MIT {@code kinit} into the FILE ccache {@code <dir>/<ccacheFileName>}
     * and returns its path.
     */
    Path kinit(String principal, String password, String ccacheFileName);

    /**
     * The number of AS and TGS requests the KDC has received so far (failed ones included, e.g. the first AS-REQ
     * answered with PREAUTH_REQUIRED). Benchmarks compare it before and after to prove the KDC was not involved.
     */
    long kdcRequestCount();

    /** The full principal name: {@code "alice"} becomes {@code "alice@REALM"}; a name with a realm is unchanged. */
    default String principal(String shortName) {
        return shortName.contains("@") ? shortName : shortName + "@" + name();
    }

    /**
     * Obtains a TGT for {@code principal} from {@code keytab} with {@code kinit -k -t} into
     * {@code <dir>/<ccacheFileName>} and returns its path (e.g. a service's own TGT for S4U2Self).
     */
    default Path kinitFromKeytab(String principal, Path keytab, String ccacheFileName) {
        return Kinit.withKeytab(this, principal(principal), keytab, ccacheFileName);
    }

    /** Stops the KDC and deletes {@link #dir()}. */
    @Override
    void close();
}
