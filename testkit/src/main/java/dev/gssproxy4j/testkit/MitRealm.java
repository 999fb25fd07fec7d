package dev.gssproxy4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A realm served by Debian's MIT {@code krb5kdc}, set up the way MIT's {@code k5test.py} does it: a database with
 * a stashed master key ({@link MitKdb}: db2 from {@code kdb5_util create -s}, or LDAP on a private slapd for
 * constrained delegation), principals and keytabs through {@code kadmin.local}, and the KDC run in the foreground
 * ({@code krb5kdc -n}) as a child process that {@link #close()} terminates.
 *
 * <p>The port is picked free for TCP and UDP and then bound by the KDC; if another process takes it in between,
 * {@code krb5kdc} exits with "Address already in use" and the realm retries on a new port.
 */
final class MitRealm implements Realm {

    private static final int START_ATTEMPTS = 5;
    private static final Duration KDC_START_TIMEOUT = Duration.ofSeconds(20);
    private static final String READY_LINE = "commencing operation";

    private final String name;
    private final RealmDir dir;
    private final Map<String, String> environment;
    private final MitKadmin kadmin;
    private final MitKdb kdb;
    private final ChildProcess kdc;
    private final int port;
    private final Set<String> knownPrincipals = new HashSet<>();

    private MitRealm(String name, RealmDir dir, Map<String, String> environment, MitKdb kdb, ChildProcess kdc,
                     int port) {
        this.name = name;
        this.kdb = kdb;
        this.dir = dir;
        this.environment = environment;
        this.kadmin = new MitKadmin(name, environment);
        this.kdc = kdc;
        this.port = port;
    }

    static boolean available() {
        return Stream.of("krb5kdc", "kdb5_util", "kadmin.local").allMatch(tool -> Programs.find(tool).isPresent());
    }

    /** A realm on the database that {@code kdbIn} sets up in the realm directory: {@link Db2Kdb} or {@link LdapKdb}. */
    static MitRealm start(String name, List<String> enctypes, Function<Path, MitKdb> kdbIn) {
        if (!available()) {
            throw new RealmException("the MIT KDC is not installed (need krb5kdc, kdb5_util and kadmin.local on PATH "
                    + "or in /usr/sbin): install the Debian packages krb5-kdc and krb5-admin-server");
        }
        RealmDir dir = RealmDir.create(name);
        MitKdb kdb = null;
        try {
            kdb = kdbIn.apply(dir.root());
            Map<String, String> environment =
                    dir.environment(Map.of("KRB5_KDC_PROFILE", dir.file(MitKdcConf.FILE_NAME).toString()));
            // creating the database needs only its paths; the port is chosen (and rechosen) when the KDC starts.
            writeConfig(name, dir, 0, enctypes, kdb);
            kdb.create(name, environment);
            for (int attempt = 1; ; attempt++) {
                int port = FreePorts.tcpAndUdp();
                writeConfig(name, dir, port, enctypes, kdb);
                ChildProcess kdc = ChildProcess.command(Programs.require("krb5kdc", "krb5-kdc").toString(),
                                "-n", "-r", name)
                        .environment(environment)
                        .output(dir.root(), "krb5kdc")
                        .start();
                try {
                    kdc.awaitOutput(READY_LINE, KDC_START_TIMEOUT);
                } catch (ChildProcessException e) {
                    String stderr = kdc.stderr();
                    kdc.close();
                    if (attempt == START_ATTEMPTS || !stderr.contains("Address already in use")) {
                        throw e;
                    }
                    continue;
                }
                try {
                    MitRealm realm = new MitRealm(name, dir, environment, kdb, kdc, port);
                    realm.knownPrincipals.addAll(realm.kadmin.principals());
                    return realm;
                } catch (RuntimeException e) {
                    kdc.close();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            if (kdb != null) {
                kdb.close();
            }
            dir.delete();
            throw new RealmException("cannot start the MIT KDC for realm " + name + ": " + e.getMessage(), e);
        }
    }

    private static void writeConfig(String name, RealmDir dir, int port, List<String> enctypes, MitKdb kdb) {
        dir.write(RealmDir.KRB5_CONF, new Krb5Conf(name, port, enctypes).render());
        dir.write(MitKdcConf.FILE_NAME, new MitKdcConf(name, dir.root(), port, enctypes, kdb).render());
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
        return port;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public synchronized void addPrincipal(String principal, String password) {
        String full = checkedPrincipal(principal);
        kadmin.run(List.of("addprinc -pw " + MitKadmin.quote(password) + " " + full));
        knownPrincipals.add(full);
    }

    @Override
    public synchronized void addRandomKeyPrincipal(String principal) {
        String full = checkedPrincipal(principal);
        kadmin.run(List.of(addRandomKeyCommand(full)));
        knownPrincipals.add(full);
    }

    /** One {@code kadmin.local} run: creates missing principals, then {@code ktadd -norandkey} (keeps the keys). */
    @Override
    public synchronized Path keytab(String fileName, String... principals) {
        Path keytab = dir.file(fileName);
        List<String> names = Stream.of(principals).map(this::checkedPrincipal).toList();
        if (!knownPrincipals.containsAll(names)) {
            knownPrincipals.addAll(kadmin.principals()); // someone may have used kadmin.local directly
        }
        List<String> commands = new ArrayList<>();
        names.stream().filter(n -> !knownPrincipals.contains(n)).forEach(n -> commands.add(addRandomKeyCommand(n)));
        commands.add("ktadd -k " + MitKadmin.quote(keytab.toString()) + " -norandkey " + String.join(" ", names));
        try {
            Files.deleteIfExists(keytab);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace keytab " + keytab, e);
        }
        kadmin.run(commands);
        knownPrincipals.addAll(names);
        return keytab;
    }

    @Override
    public Path kinit(String principal, String password, String ccacheFileName) {
        return Kinit.withPassword(this, principal(principal), password, ccacheFileName);
    }

    /** Counts the KDC's one log line per request ({@code AS_REQ ...} or {@code TGS_REQ ...}). */
    @Override
    public long kdcRequestCount() {
        Path log = dir.file(MitKdcConf.LOG_FILE_NAME);
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("): AS_REQ ") || line.contains("): TGS_REQ ")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the KDC log " + log, e);
        }
    }

    /** Only on the LDAP database ({@link Realms#mitLdap()}); db2 has no ACL and throws. */
    @Override
    public void allowDelegation(String service, String... targets) {
        kdb.allowDelegation(name, checkedPrincipal(service), Stream.of(targets).map(this::checkedPrincipal).toList());
    }

    @Override
    public synchronized void close() {
        kdc.close();
        kdb.close();
        dir.delete();
    }

    @Override
    public String toString() {
        return "MitRealm[" + name + " on 127.0.0.1:" + port + ", " + dir.root() + "]";
    }

    /** Services may use S4U2Self and get forwardable evidence tickets (needed for S4U2Proxy). */
    private static String addRandomKeyCommand(String principal) {
        return "addprinc -randkey +ok_to_auth_as_delegate " + principal;
    }

    private String checkedPrincipal(String principal) {
        String full = principal(principal);
        if (!full.matches("[^\\s\"'@]+@[^\\s\"'@]+")) {
            throw new IllegalArgumentException("not a principal name this realm can pass to kadmin: \"" + full + "\"");
        }
        return full;
    }
}
