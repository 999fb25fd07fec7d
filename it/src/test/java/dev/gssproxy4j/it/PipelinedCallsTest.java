package dev.gssproxy4j.it;

import static dev.gssproxy4j.it.KernelCalls.ACCEPTOR_SUBKEY;
import static dev.gssproxy4j.it.KernelCalls.CFX;
import static dev.gssproxy4j.it.Wire.assertSameRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several calls in flight on one connection of the real daemon, as the kernel's RPC client sends them: a call that
 * waits for a KDC that does not answer ({@link HeldKdc}: a resource this test controls) must not hold back a
 * kernel-style ACCEPT_SEC_CONTEXT sent after it on the same connection. Replies come back in the order the calls
 * end, each with its call's xid; the kernel's is byte-checked against upstream's {@code shared/wire/kernel/01}.
 * The daemon runs with {@code worker threads = 2}, so a connection may have two calls running; a third waits, unread,
 * until one ends. Every wait is on an event (a reply, a KDC connection), never on time.
 */
@Timeout(120)
class PipelinedCallsTest {

    /** Calls of one connection that may run at once: min(worker threads, max_queued_calls_per_uid). */
    private static final int WORKER_THREADS = 2;
    /** init/01: ACQUIRE_CRED for an initiator as the interposer sends it; the client keytab sends it to the KDC. */
    private static final byte[] NEEDS_KDC = Wire.call("init", "01");
    private static final int KERNEL_XID = Wire.xid(Wire.call("kernel", "01"));

    private static ExampleRealm realm;
    private static HeldKdc kdc;
    private static Gssproxy4jDaemon daemon;
    private static LocalUser alice;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the daemon reads root-only keytabs; alice must be a local account");
        alice = LocalUsers.ensure("alice");
        realm = ExampleRealm.start();
        kdc = HeldKdc.start();
        // the daemon's only KDC is the held one; the test makes its AP-REQs with the realm's own
        daemon = Gssproxy4jDaemon.start(kdc.environmentFor(realm), socket -> """
                [gssproxy]
                  worker threads = %d

                [service/nfs-server]
                  mechs = krb5
                  cred_store = keytab:%s
                  cred_store = client_keytab:%s
                  trusted = yes
                  euid = 0
                """.formatted(WORKER_THREADS, realm.nfsKeytab, realm.aliceKeytab));
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(daemon, kdc, realm);
    }

    @Test
    void aKernelAcceptSentWhileACallWaitsForTheKdcIsAnsweredFirst() throws Exception {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            c.send(NEEDS_KDC);
            Socket held = kdc.awaitConnection(); // the first call now waits for the KDC
            c.send(kernelCall());

            assertKernelReply(receive(c));
            kdc.release(held);
            assertKdcFailure(receive(c), Wire.xid(NEEDS_KDC));
        }
    }

    @Test
    void callsSentInOneWriteAreAnsweredAsTheyEnd() throws Exception {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            c.send(concat(NEEDS_KDC, kernelCall()));

            assertKernelReply(receive(c)); // the first call cannot end before the KDC connection is released
            kdc.release(kdc.awaitConnection());
            assertKdcFailure(receive(c), Wire.xid(NEEDS_KDC));
        }
    }

    @Test
    void aCallBeyondTheBoundWaitsUnreadUntilACallEndsAndIsThenAnswered() throws Exception {
        int first = 0x7000_0001;
        int second = 0x7000_0002;
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            c.send(concat(needsKdc(first), needsKdc(second), kernelCall()));
            Socket one = kdc.awaitConnection();
            Socket two = kdc.awaitConnection(); // both running calls wait: the kernel's is the third, over the bound

            kdc.release(one);
            int ended = Wire.xid(receive(c));
            assertTrue(Set.of(first, second).contains(ended), "a call that waited for the KDC ends first, not the"
                    + " kernel's: it was not read while two calls ran (xid " + Integer.toHexString(ended) + ")");
            assertKernelReply(receive(c)); // read once a call ended, and answered: it waited, it was not dropped
            kdc.release(two);
            assertKdcFailure(receive(c), ended == first ? second : first);
        }
    }

    @Test
    void aClientSendingOneCallAtATimeGetsItsRepliesInOrder() throws Exception {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            c.send(NEEDS_KDC);
            kdc.release(kdc.awaitConnection());
            assertKdcFailure(receive(c), Wire.xid(NEEDS_KDC));
            c.send(kernelCall());
            assertKernelReply(receive(c));
            c.send(needsKdc(7));
            kdc.release(kdc.awaitConnection());
            assertKdcFailure(receive(c), 7);
        }
    }

    /** kernel/01 with a fresh AP-REQ from alice for nfs@localhost, as the kernel encodes it. */
    private static byte[] kernelCall() {
        return KernelCalls.call("01", realm.apReq("alice", ExampleRealm.NFS_SERVICE, ExampleRealm.MUTUAL_ONLY));
    }

    /** init/01 with another xid. */
    private static byte[] needsKdc(int xid) {
        return Wire.callRecord(xid, Procedure.ACQUIRE_CRED, Wire.args(NEEDS_KDC, ArgAcquireCred.class));
    }

    /** Upstream's reply to kernel/01, byte for byte, but for this run's context, lifetime and token. */
    private static void assertKernelReply(byte[] reply) {
        assertEquals(KERNEL_XID, Wire.xid(reply), "the kernel's call is answered with its xid");
        ResAcceptSecContext golden = KernelCalls.golden("01");
        ResAcceptSecContext result = KernelCalls.results(reply);
        KernelCalls.assertReply(golden, result, result.outputToken(), KernelCalls.credsOption(golden, alice),
                "kernel/01 answered ahead of a call waiting for the KDC");
        KernelCalls.assertLucid(result, CFX | ACCEPTOR_SUBKEY);
    }

    /**
     * The reply to an ACQUIRE_CRED whose KDC went away, byte for byte: GSS_S_NO_CRED with MIT's KRB5_KDC_UNREACH and
     * both texts as C strings, as upstream sends statuses (shared/wire errors/14 has the same shape).
     */
    private static void assertKdcFailure(byte[] reply, int xid) {
        assertEquals(xid, Wire.xid(reply), "the call is answered with its own xid");
        ResAcquireCred expected = new ResAcquireCred(GssxStatus.of(GSS_S_NO_CRED, Oids.KRB5, KRB5_KDC_UNREACH,
                "No credentials were supplied, or the credentials were unavailable or inaccessible",
                "Cannot contact any KDC for realm '" + ExampleRealm.NAME + "'"), Optional.empty(), List.of());
        assertSameRecord(Wire.replyRecord(xid, Procedure.ACQUIRE_CRED, expected), reply, Procedure.ACQUIRE_CRED,
                "ACQUIRE_CRED whose KDC did not answer");
    }

    private static final long GSS_S_NO_CRED = 0x70000L;
    /** MIT's KRB5_KDC_UNREACH (-1765328228) as an unsigned minor status. */
    private static final long KRB5_KDC_UNREACH = 0x96c73a9cL;

    private static byte[] receive(RawConnection c) {
        return c.receive().orElseThrow(() -> new AssertionError("the daemon closed the connection; its log:\n"
                + daemon.log()));
    }

    private static byte[] concat(byte[]... records) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] record : records) {
            all.writeBytes(record);
        }
        return all.toByteArray();
    }
}
