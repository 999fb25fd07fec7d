package dev.gssproxy4j.it;

import static dev.gssproxy4j.it.Wire.assertSameRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile and broken requests of {@code shared/wire/errors}, each on a fresh connection as uid 0 to a daemon
 * with the capture's kernel-style configuration, compared with what upstream gssproxy 0.9.1 did. After every case
 * the daemon must still answer a valid INDICATE_MECHS (accept/01, whose golden reply is known) on a new
 * connection, and, after an RPC-level or GSS error reply, on the same one.
 *
 * <p>Deliberate differences from upstream, asserted as such: a caller uid without a service gets a GSS error reply
 * naming the reason instead of a silent drop (13), and a record split into several fragments is reassembled (RFC
 * 5531 section 11) instead of closing the connection (11 is therefore answered only if its last fragment ever
 * comes).
 */
class BadRequestsTest {

    private static final byte[] INDICATE_MECHS = Wire.call("accept", "01");
    private static final byte[] INDICATE_MECHS_REPLY = Wire.reply("accept", "01");

    private static ExampleRealm realm;
    private static Gssproxy4jDaemon daemon;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the daemon reads a root-only keytab; uid 65534 needs setpriv");
        realm = ExampleRealm.start();
        daemon = Gssproxy4jDaemon.start(realm.environment(), socket -> """
                [service/nfs-server]
                  mechs = krb5
                  socket = %s
                  cred_store = keytab:%s
                  trusted = yes
                  euid = 0
                """.formatted(socket, realm.nfsKeytab));
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(daemon, realm);
    }

    @ParameterizedTest(name = "errors/{0}")
    @ValueSource(strings = {"01", "02", "03", "04", "05", "06", "07", "08"})
    void rpcLevelErrorsAreUpstreamsRepliesAndKeepTheConnection(String prefix) {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            assertSameRecord(Wire.reply("errors", prefix), reply(c, Wire.call("errors", prefix)),
                    Procedure.INDICATE_MECHS, "errors/" + prefix);
            assertServes(c);
        }
        assertServesNewConnections();
    }

    @ParameterizedTest(name = "errors/{0}")
    @ValueSource(strings = {"09", "10", "12"})
    void brokenHeadersAndFramingCloseTheConnectionWithoutReply(String prefix) {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            assertEquals(Optional.empty(), c.exchange(Wire.call("errors", prefix)).map(Wire::hex));
        }
        assertServesNewConnections();
    }

    @Test
    void aFirstFragmentWhoseLastNeverComesIsNotAnswered() {
        // errors/11: upstream closes at once; we wait for the rest of the record, and drop it at end-of-file
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            c.send(Wire.call("errors", "11"));
            c.shutdownOutput();
            assertEquals(Optional.empty(), c.receive().map(Wire::hex));
        }
        assertServesNewConnections();
    }

    @Test
    void aRecordInTwoFragmentsIsReassembledAndAnswered() {
        // documented difference: upstream drops any record that is not one last fragment
        byte[] message = Arrays.copyOfRange(INDICATE_MECHS, 4, INDICATE_MECHS.length);
        int split = 20;
        ByteBuffer twoFragments = ByteBuffer.allocate(message.length + 8)
                .putInt(split).put(message, 0, split)
                .putInt(0x8000_0000 | (message.length - split)).put(message, split, message.length - split);
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            assertSameRecord(INDICATE_MECHS_REPLY, reply(c, twoFragments.array()), Procedure.INDICATE_MECHS,
                    "INDICATE_MECHS in two fragments");
        }
    }

    @Test
    void anUnknownUidGetsAnExplainedRefusalInsteadOfASilentDrop() {
        LocalUser nobody = LocalUsers.lookup("nobody").orElse(new LocalUser("nobody", 65534, 65534));
        try (OtherUidCalls calls = OtherUidCalls.prepare()) {
            List<Optional<byte[]>> replies = calls.call(nobody, daemon.socket(), Wire.call("errors", "13"),
                    INDICATE_MECHS);

            assertEquals(2, replies.size());
            assertTrue(replies.get(1).isEmpty(), "answered once, then the connection is closed");
            ResIndicateMechs refused = Wire.results(replies.getFirst().orElseThrow(() -> new AssertionError(
                    "upstream drops this connection; gssproxy4j answers it")), Procedure.INDICATE_MECHS,
                    ResIndicateMechs.class);
            assertEquals(MajorStatus.GSS_S_UNAUTHORIZED.value(), refused.status().majorStatus());
            String why = refused.status().minorStatusString().toText();
            assertTrue(why.contains("no service accepts uid " + nobody.uid()), why);
            assertEquals(List.of(), refused.mechs());
        }
        Logs.awaitLine(daemon, "No matching service found", "uid " + nobody.uid());
        assertServesNewConnections();
    }

    @Test
    void aReplayedKernelAcceptIsUpstreamsFailureWithoutLinuxCreds() {
        // errors/14 with a fresh AP-REQ: the first use completes, the second is the replay upstream answered
        byte[] goldenCall = Wire.call("errors", "14");
        ArgAcceptSecContext golden = Wire.args(goldenCall, ArgAcceptSecContext.class);
        byte[] token = realm.apReq("alice", ExampleRealm.NFS_SERVICE, ExampleRealm.MUTUAL_ONLY);
        byte[] call = Wire.callRecord(Wire.xid(goldenCall), Procedure.ACCEPT_SEC_CONTEXT,
                new ArgAcceptSecContext(golden.callCtx(), golden.contextHandle(), golden.credHandle(),
                        Opaque.of(token), golden.inputCb(), golden.retDelegCred(), golden.options()));
        try (RawConnection first = RawConnection.open(daemon.socket())) {
            ResAcceptSecContext accepted = Wire.results(reply(first, call), Procedure.ACCEPT_SEC_CONTEXT,
                    ResAcceptSecContext.class);
            assertEquals(0, accepted.status().majorStatus());
            assertTrue(Options.contains(accepted.options(), Options.LINUX_CREDS_V1));
        }
        try (RawConnection second = RawConnection.open(daemon.socket())) {
            // GSS_S_FAILURE, minor KRB5KRB_AP_ERR_REPEAT unsigned, "Request is a replay", no handles, no options
            assertSameRecord(Wire.reply("errors", "14"), reply(second, call), Procedure.ACCEPT_SEC_CONTEXT,
                    "errors/14 (the same fresh AP-REQ a second time)");
            assertServes(second);
        }
        assertServesNewConnections();
    }

    @Test
    void aGarbageTokenIsUpstreamsDefectiveToken() {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            assertSameRecord(Wire.reply("errors", "15"), reply(c, Wire.call("errors", "15")),
                    Procedure.ACCEPT_SEC_CONTEXT, "errors/15");
            assertServes(c);
        }
        assertServesNewConnections();
    }

    @Test
    void anOversizeRecordClosesOnlyItsOwnConnection() {
        try (RawConnection bystander = RawConnection.open(daemon.socket());
             RawConnection hostile = RawConnection.open(daemon.socket())) {
            assertServes(bystander);
            // mark for 1 MiB + 1 (upstream's MAX_RPC_SIZE is 1 MiB), then a few bytes of it
            byte[] oversize = ByteBuffer.allocate(8).putInt(0x8000_0000 | ((1 << 20) + 1)).putInt(0x4b45ffff).array();
            assertEquals(Optional.empty(), hostile.exchange(oversize).map(Wire::hex));
            assertServes(bystander);
        }
        assertServesNewConnections();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static byte[] reply(RawConnection c, byte[] call) {
        return c.exchange(call).orElseThrow(() -> new AssertionError(
                "the daemon closed the connection instead of answering; its log:\n" + daemon.log()));
    }

    /** accept/01 on {@code c} gets accept/01's golden reply. */
    private static void assertServes(RawConnection c) {
        assertSameRecord(INDICATE_MECHS_REPLY, reply(c, INDICATE_MECHS), Procedure.INDICATE_MECHS,
                "INDICATE_MECHS afterwards on the same connection");
    }

    private static void assertServesNewConnections() {
        assertTrue(daemon.isAlive(), () -> "the daemon died; its log:\n" + daemon.log());
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            assertServes(c);
        }
    }
}
