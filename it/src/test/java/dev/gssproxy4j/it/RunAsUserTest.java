package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.xdr.Opaque;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code run_as_user}: the daemon binds its sockets and opens its keyring as root, then becomes an unprivileged
 * account for good (real, effective and saved ids of every thread; no capability left in any thread but the
 * program-lookup thread, which keeps CAP_SYS_PTRACE as upstream keeps it, with an empty bounding set) and still
 * serves, program matching of a root caller included.
 */
class RunAsUserTest {

    private static final long CAP_SYS_PTRACE = 1L << 19;

    private static ExampleRealm realm;
    private static LocalUser account;
    private static Path state;
    private static Gssproxy4jDaemon daemon;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(LocalUsers.runningAsRoot(), "dropping privileges needs a daemon started as root");
        account = LocalUsers.ensure(LocalUsers.SERVICE);
        realm = ExampleRealm.start();
        // What the account must be able to use after the drop, as upstream documents: its keytab, a replay cache
        state = TempDirs.createTraversable("gssproxy4j-runas");
        Path keytab = Files.copy(realm.hostKeytab, state.resolve("host.keytab"));
        Path rcache = Files.createDirectory(state.resolve("rcache"));
        for (Path p : List.of(keytab, rcache)) {
            chown(p, account);
        }
        Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = new LinkedHashMap<>(realm.environment());
        env.put("KRB5RCACHEDIR", rcache.toString());
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath();
        daemon = Gssproxy4jDaemon.start(env, socket -> """
                [gssproxy]
                  run_as_user = %s

                [service/root-by-program]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = 0
                  program = %s
                """.formatted(account.name(), keytab, java));
    }

    @AfterAll
    static void stop() {
        try {
            Teardown.closeAll(daemon, realm);
        } finally {
            if (state != null) {
                TempDirs.deleteTree(state);
            }
        }
    }

    @Test
    void theDaemonIsTheAccountForGoodWithNoCapabilityLeft() throws IOException {
        try (GssProxyClient client = GssProxyClient.connect(daemon.socket())) {
            // answered only once the daemon serves, which it does only after the drop
            assertTrue(client.indicateMechs().status().isComplete(), daemon.log());
        }
        String status = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "status"));
        String uid = Integer.toString(account.uid());
        String gid = Integer.toString(account.gid());
        assertEquals(List.of(uid, uid, uid, uid), field(status, "Uid"), "real, effective, saved and fs uid");
        assertEquals(List.of(gid, gid, gid, gid), field(status, "Gid"));
        assertEquals(List.of(gid), field(status, "Groups"), "initgroups: the account's own groups only");
        int withPtrace = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(daemon.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String thread = Files.readString(task.resolve("status"));
                // glibc's setuid reaches every thread, the JVM's own included
                assertEquals(List.of(uid, uid, uid, uid), field(thread, "Uid"), "uids of " + task);
                long effective = capabilities(thread, "CapEff");
                assertTrue(effective == 0 || effective == CAP_SYS_PTRACE, "CapEff of " + task + ": " + effective);
                assertEquals(effective, capabilities(thread, "CapPrm"), "permitted = effective for " + task);
                assertEquals(0, capabilities(thread, "CapAmb"), "ambient set of " + task);
                if (effective == CAP_SYS_PTRACE) {
                    withPtrace++;
                    assertEquals(0, capabilities(thread, "CapBnd"), "bounding set of the thread that kept one");
                }
            }
        }
        assertEquals(1, withPtrace, "only the program lookup thread keeps CAP_SYS_PTRACE");
    }

    @Test
    void itServesARootCallerMatchedByProgramAndReadsTheAccountsKeytab() {
        try (GssProxyClient client = GssProxyClient.connect(daemon.socket())) {
            ResAcceptSecContext accepted = client.acceptSecContext(new ArgAcceptSecContext(CallCtx.EMPTY,
                    Optional.empty(), Optional.empty(), Opaque.of(realm.aliceToHost()), Optional.empty(), false,
                    List.of()));
            assertTrue(accepted.status().isComplete(), accepted.status().toString() + "\n" + daemon.log());
            assertEquals("alice@" + ExampleRealm.NAME, accepted.contextHandle().orElseThrow().srcName()
                    .displayName().toText());
        }
    }

    private static List<String> field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).findFirst().map(l -> List.of(
                l.substring(name.length() + 1).strip().split("\\s+"))).orElseThrow();
    }

    private static long capabilities(String status, String name) {
        return Long.parseUnsignedLong(field(status, name).getFirst(), 16);
    }

    private static void chown(Path path, LocalUser user) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, lookup.lookupPrincipalByName(user.name()));
    }
}
