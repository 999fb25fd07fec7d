package dev.gssproxy4j.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The realm the daemon's call tests share, laid out once (MIT's {@code k5test.py} builds its standard realm the same
 * way): the users {@code alice}, {@code bob} and {@code root} with the password {@link #password}, the service
 * {@code host/localhost} in {@code service.keytab}, alice's keys in {@code alice.keytab}, and each user's TGT in
 * {@code <user>.ccache}, obtained on first use. Pointing a library at it is the caller's part (the mech module
 * calls {@code setenv(3)} with {@link Realm#environment()}); nothing here depends on the mech module.
 */
public final class ServiceRealm implements AutoCloseable {

    /** The service principal in {@link #serviceKeytab()}. */
    public static final String SERVICE = "host/localhost";
    /** {@link #SERVICE} as a host-based service name ({@code GSS_C_NT_HOSTBASED_SERVICE}). */
    public static final String TARGET = "host@localhost";
    /** The user principals; {@code root} maps to uid 0 through the default {@code auth_to_local}. */
    public static final List<String> USERS = List.of("alice", "bob", "root");

    private final Realm realm;
    private final Path serviceKeytab;
    private final Path aliceKeytab;
    private final Map<String, Path> ccaches = new ConcurrentHashMap<>();

    private ServiceRealm(Realm realm) {
        this.realm = realm;
        for (String user : USERS) {
            realm.addPrincipal(user, password(user));
        }
        this.serviceKeytab = realm.keytab("service.keytab", SERVICE);
        this.aliceKeytab = realm.keytab("alice.keytab", "alice");
    }

    /** The layout on an embedded Kerby KDC ({@link Realms#kerby()}). */
    public static ServiceRealm kerby() {
        Realm realm = Realms.kerby();
        try {
            return new ServiceRealm(realm);
        } catch (RuntimeException e) {
            realm.close();
            throw e;
        }
    }

    /** The password of {@code user}. */
    public static String password(String user) {
        return user + "-password-1";
    }

    public Realm realm() {
        return realm;
    }

    /** {@code host/localhost}'s keys. */
    public Path serviceKeytab() {
        return serviceKeytab;
    }

    /** alice's keys, as a client keytab. */
    public Path aliceKeytab() {
        return aliceKeytab;
    }

    /** The FILE ccache that holds the TGT of {@code user} (one of {@link #USERS}), obtained with kinit once. */
    public Path ccache(String user) {
        if (!USERS.contains(user)) {
            throw new IllegalArgumentException("no user " + user + " in this realm; there are " + USERS);
        }
        return ccaches.computeIfAbsent(user, u -> realm.kinit(u, password(u), u + ".ccache"));
    }

    /** Stops the KDC and deletes the realm's directory. */
    @Override
    public void close() {
        realm.close();
    }
}
