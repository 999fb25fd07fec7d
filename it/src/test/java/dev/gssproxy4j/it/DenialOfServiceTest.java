package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The denial-of-service attacks of the DoS issue, each made by a real unprivileged process (a uid that matches no
 * service) against the real daemon, while root's and another uid's calls must still be answered (each call has
 * RawConnection's deadline) and the daemon's threads, memory and log stay within bounds. Figures measured with the
 * same attacks, against upstream too, are in docs/SECURITY.md.
 */
@Timeout(300)
class DenialOfServiceTest {

    /** Threads the daemon may have under any of these attacks (workers, park, accept loops, JVM threads). */
    private static final int MAX_THREADS = 150;
    /** Resident memory the daemon may reach under any of these attacks. */
    private static final long MAX_RSS_KB = 400 * 1024;
    private static final byte[] INDICATE_MECHS = Wire.call("accept", "01");

    private static ExampleRealm realm;
    private static Gssproxy4jDaemon daemon;
    private static OtherUidCalls otherUids;
    private static LocalUser attacker;
    private static LocalUser userB;
    /** A uid with a service of its own, whose busy connections must not starve the others. */
    private static LocalUser busyUser;
    private ChildProcess attack;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the attacker and user B are other uids, started with setpriv");
        attacker = LocalUsers.ensure(LocalUsers.SERVICE);
        userB = LocalUsers.ensure(LocalUsers.CLIENT);
        busyUser = LocalUsers.ensure("gp4j-busy");
        realm = ExampleRealm.start();
        otherUids = OtherUidCalls.prepare();
        daemon = Gssproxy4jDaemon.start(realm.environment(), socket -> """
                [service/root]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  euid = 0

                [service/user-b]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  euid = %2$d

                [service/busy]
                  mechs = krb5
                  cred_store = keytab:%1$s
                  euid = %3$d
                """.formatted(realm.hostKeytab, userB.uid(), busyUser.uid()));
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(daemon, otherUids, realm);
    }

    @AfterEach
    void endAttack() {
        if (attack != null) {
            attack.close();
            attack = null;
        }
        assertTrue(daemon.isAlive(), "the daemon must survive the attack");
    }

    @Test
    void thousandsOfIdleConnectionsCostNoThreadsAndLockNobodyOut() throws IOException {
        attack = otherUids.attack(attacker, daemon.socket(), "idle", 4200);
        assertOthersServed();
        assertBounded();
    }

    @Test
    void connectionsAnnouncingHugeRecordsHoldOnlyWhatTheySent() throws IOException {
        attack = otherUids.attack(attacker, daemon.socket(), "announce", 600);
        assertOthersServed();
        assertBounded();
    }

    @Test
    void connectionsSendingWholeHugeRecordsStayWithinTheirUidsMemory() throws IOException {
        attack = otherUids.attack(attacker, daemon.socket(), "fill", 100);
        assertOthersServed();
        assertBounded();
    }

    @Test
    void aUidKeepingSixtyFourConnectionsBusyDoesNotStarveTheOthers() throws IOException {
        // IMPORT_AND_CANON_NAME with localname: a GSS call that takes a worker permit every time
        attack = otherUids.attack(busyUser, daemon.socket(), "busy", 64,
                HexFormat.of().formatHex(Wire.call("accept", "05")));
        assertOthersServed();
        assertBounded();
    }

    @Test
    void slowSendersHoldNoWorker() throws IOException {
        attack = otherUids.attack(attacker, daemon.socket(), "slowloris", 50);
        assertOthersServed();
        assertBounded();
    }

    @Test
    void aConnectFloodLeavesRoomForOthers() throws IOException {
        attack = otherUids.attackInBackground(attacker, daemon.socket(), "flood", 200_000);
        int served = 0;
        for (int i = 0; i < 20; i++) {
            served += rootServed() ? 1 : 0;
        }
        assertTrue(served >= 15, served + " of 20 root calls served during the flood (upstream: 39 of 50)");
        assertTrue(userBServed(), "user B's call during the flood");
        assertBounded();
    }

    @Test
    void aCallerWithoutAServiceIsAnsweredOnceAndDisconnected() {
        List<Optional<byte[]>> replies = otherUids.call(attacker, daemon.socket(), INDICATE_MECHS, INDICATE_MECHS);
        assertEquals(2, replies.size());
        assertTrue(replies.get(0).isPresent(), "one GSS_S_UNAUTHORIZED reply");
        assertTrue(replies.get(1).isEmpty(), "then the connection is closed");
    }

    @Test
    void aCallerWithoutAServiceCannotFloodTheLog() {
        attack = otherUids.attack(attacker, daemon.socket(), "calls", 2000, HexFormat.of().formatHex(INDICATE_MECHS));
        // READY comes once every call was answered; each was an error line before limiting (upstream logs none)
        List<String> lines = daemon.log().lines()
                .filter(l -> l.contains("No matching service found") && l.contains("uid " + attacker.uid())).toList();
        assertTrue(lines.size() <= 30, () -> lines.size() + " lines for 2000+ refused calls:\n"
                + String.join("\n", lines));
    }

    private static void assertOthersServed() {
        assertTrue(rootServed(), "root's call must be answered during the attack");
        assertTrue(userBServed(), "user B's call must be answered during the attack");
    }

    private static boolean rootServed() {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            return c.exchange(INDICATE_MECHS).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean userBServed() {
        return otherUids.callOnce(userB, daemon.socket(), INDICATE_MECHS).isPresent();
    }

    private void assertBounded() throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "status"));
        long threads = field(status, "Threads:");
        long rss = field(status, "VmRSS:");
        // the figures docs/SECURITY.md records for each attack
        System.out.printf("DoS figures: daemon threads %d, RSS %d MiB, attacker %s%n", threads, rss / 1024,
                attackState());
        assertTrue(threads <= MAX_THREADS, "daemon threads " + threads + " (bound " + MAX_THREADS + ")");
        assertTrue(rss <= MAX_RSS_KB, "daemon RSS " + rss + " kB (bound " + MAX_RSS_KB + " kB)");
    }

    private String attackState() {
        return attack == null ? "none" : attack.stdout().strip();
    }

    private static long field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Long.parseLong(l.substring(name.length()).replace("kB", "").strip()))
                .orElseThrow(() -> new AssertionError("no " + name + " in the daemon's /proc status"));
    }
}
