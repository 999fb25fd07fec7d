package dev.gssproxy4j.it;

import static dev.gssproxy4j.it.Golden.AP_REP;
import static dev.gssproxy4j.it.Golden.AP_REQ;
import static dev.gssproxy4j.it.Golden.MIT_EXPORT_PREFIX;
import static dev.gssproxy4j.it.Golden.context;
import static dev.gssproxy4j.it.Golden.startsWith;
import static dev.gssproxy4j.it.Golden.tokId;
import static dev.gssproxy4j.it.Golden.withCred;
import static dev.gssproxy4j.it.Golden.withReference;
import static dev.gssproxy4j.it.KernelCalls.ACCEPTOR_SUBKEY;
import static dev.gssproxy4j.it.KernelCalls.CFX;
import static dev.gssproxy4j.it.KernelCalls.assertLifetime;
import static dev.gssproxy4j.it.KernelCalls.assertLucid;
import static dev.gssproxy4j.it.Wire.assertSameRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the conversations of {@code shared/wire} (upstream gssproxy 0.9.1, MIT krb5 1.20.1) against gssproxy4j,
 * with a Kerby realm of the same name and principals ({@link ExampleRealm}) and the captures' configurations, one
 * service per socket, all for uid 0 (this JVM). Calls are the golden bytes, verbatim where they carry no
 * per-run value; otherwise decoded, with only the handle or the token replaced by a fresh one (tokens differ,
 * tickets are new). Replies must equal the golden reply with exactly the per-run fields (sealed handles, context
 * tokens, AP-REPs, lifetimes, the local account's ids) replaced by ours, so every other byte is upstream's.
 */
class WireReplayTest {

    private static ExampleRealm realm;
    private static Gssproxy4jDaemon daemon;
    private static LocalUser alice;

    @BeforeAll
    static void start() {
        assumeTrue(LocalUsers.runningAsRoot(), "the daemon reads root-only keytabs and local accounts are needed");
        // kernel/ and accept/05 map alice@EXAMPLE.TEST to the local account alice; bob must stay unmapped
        alice = LocalUsers.ensure("alice");
        assertTrue(LocalUsers.lookup("bob").isEmpty(), "a local account 'bob' exists, but kernel/02 needs bob"
                + "@EXAMPLE.TEST unmapped: remove it (userdel bob) on this throwaway machine");
        realm = ExampleRealm.start();
        daemon = Gssproxy4jDaemon.start(realm.environment(), WireReplayTest::config);
        DaemonSockets.awaitAll(daemon, acceptSocket(daemon.socket()), initSocket(daemon.socket()));
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (realm != null) {
            realm.close();
        }
    }

    /**
     * kernel/raw/gp.conf (without {@code kernel_nfsd}, which would write to the host's
     * {@code /proc/net/rpc/use-gss-proxy}), accept/'s service with euid 0, and init/raw/gp.conf with euid 0.
     */
    private static String config(Path socket) {
        return """
                [service/nfs-server]
                  mechs = krb5
                  socket = %s
                  cred_store = keytab:%s
                  trusted = yes
                  euid = 0

                [service/anchor-accept]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = 0
                  socket = %s

                [service/anchor-init]
                  mechs = krb5
                  cred_store = client_keytab:%s
                  cred_usage = initiate
                  krb5_principal = alice
                  euid = 0
                  socket = %s
                """.formatted(socket, realm.nfsKeytab, realm.servicesKeytab, acceptSocket(socket),
                realm.aliceKeytab, initSocket(socket));
    }

    private static Path acceptSocket(Path main) {
        return main.resolveSibling("accept.sock");
    }

    private static Path initSocket(Path main) {
        return main.resolveSibling("init.sock");
    }

    @Test
    void indicateMechsAnswersAreUpstreamsByteForByte() {
        // same MIT krb5 (1.20.1-2+deb12u5) as the capture, so the mechanism list and attribute texts are equal
        try (RawConnection accept = RawConnection.open(acceptSocket(daemon.socket()));
             RawConnection init = RawConnection.open(initSocket(daemon.socket()))) {
            assertSameRecord(Wire.reply("accept", "01"), exchange(accept, Wire.call("accept", "01")),
                    Procedure.INDICATE_MECHS, "accept/01");
            assertSameRecord(Wire.reply("init", "05"), exchange(init, Wire.call("init", "05")),
                    Procedure.INDICATE_MECHS, "init/05");
        }
    }

    @Test
    void acceptorCredentialIsUpstreamsExceptTheSealedReference() {
        try (RawConnection c = RawConnection.open(acceptSocket(daemon.socket()))) {
            byte[] reply = exchange(c, Wire.call("accept", "02"));
            GssxCred ours = handle(reply);
            GssxCred upstream = handle(Wire.reply("accept", "02"));

            assertNotEquals(upstream.credHandleReference(), ours.credHandleReference());
            assertTrue(ours.credHandleReference().length() > 0);
            assertSameRecord(withReference(Wire.reply("accept", "02"), ours.credHandleReference()), reply,
                    Procedure.ACQUIRE_CRED, "accept/02 with our sealed reference");
        }
    }

    @Test
    void acquireWithItsOwnHandleEchoesTheHandleVerbatim() {
        try (RawConnection c = RawConnection.open(acceptSocket(daemon.socket()))) {
            GssxCred ours = handle(exchange(c, Wire.call("accept", "02")));
            byte[] goldenCall = Wire.call("accept", "03");
            ArgAcquireCred golden = Wire.args(goldenCall, ArgAcquireCred.class);
            ArgAcquireCred withOurs = new ArgAcquireCred(golden.callCtx(), Optional.of(ours),
                    golden.addCredToInputHandle(), golden.desiredName(), golden.timeReq(), golden.desiredMechs(),
                    golden.credUsage(), golden.initiatorTimeReq(), golden.acceptorTimeReq(), golden.options());

            byte[] reply = exchange(c, Wire.callRecord(Wire.xid(goldenCall), Procedure.ACQUIRE_CRED, withOurs));

            assertEquals(ours, handle(reply), "upstream returns a still-good input handle unchanged");
            assertSameRecord(withReference(Wire.reply("accept", "03"), ours.credHandleReference()), reply,
                    Procedure.ACQUIRE_CRED, "accept/03 with our handle");
        }
    }

    @Test
    void upstreamsHandleIsReacquiredNotRefused() {
        // accept/03 verbatim carries upstream's encrypted handle: it cannot open here, so it counts as
        // GSS_C_NO_CREDENTIAL and a fresh credential comes back (upstream does the same with a stale key)
        try (RawConnection c = RawConnection.open(acceptSocket(daemon.socket()))) {
            byte[] reply = exchange(c, Wire.call("accept", "03"));
            GssxCred ours = handle(reply);

            assertNotEquals(handle(Wire.reply("accept", "03")).credHandleReference(), ours.credHandleReference());
            assertSameRecord(withReference(Wire.reply("accept", "03"), ours.credHandleReference()), reply,
                    Procedure.ACQUIRE_CRED, "accept/03 verbatim");
        }
    }

    @Test
    void acceptOfAFreshApReqHasUpstreamsShape() {
        try (RawConnection c = RawConnection.open(acceptSocket(daemon.socket()))) {
            ResAcceptSecContext result = accept(c);
            ResAcceptSecContext golden = Wire.results(Wire.reply("accept", "04"), Procedure.ACCEPT_SEC_CONTEXT,
                    ResAcceptSecContext.class);
            GssxCtx ctx = result.contextHandle().orElseThrow();
            GssxCtx goldenCtx = golden.contextHandle().orElseThrow();
            assertFalse(ctx.state().isEmpty(), "a complete MIT context comes with the daemon's sealed copy");
            // tokens differ: the exported context, the AP-REP and the lifetime are this run's; the source name's
            // composite export too (upstream's carries the MIT KDC's PAC, Kerby issues none)
            GssxName src = ctx.srcName();
            GssxName goldenSrc = goldenCtx.srcName();
            GssxName expectedSrc = new GssxName(goldenSrc.displayName(), goldenSrc.nameType(),
                    goldenSrc.exportedName(), src.exportedCompositeName(), goldenSrc.nameAttributes(),
                    goldenSrc.extensions());
            ResAcceptSecContext expected = new ResAcceptSecContext(golden.status(), Optional.of(
                    context(goldenCtx, ctx, expectedSrc, ctx.lifetime())),
                    result.outputToken(), golden.delegatedCredHandle(), golden.options());

            assertSameRecord(Wire.replyRecord(0, Procedure.ACCEPT_SEC_CONTEXT, expected),
                    Wire.replyRecord(0, Procedure.ACCEPT_SEC_CONTEXT, result), Procedure.ACCEPT_SEC_CONTEXT,
                    "accept/04 with a fresh AP-REQ");
            assertTrue(startsWith(ctx.exportedContextToken().toByteArray(), MIT_EXPORT_PREFIX),
                    "the interposer imports the token with gss_import_sec_context: it must be MIT's export");
            assertEquals(AP_REP, tokId(result.outputToken().orElseThrow().toByteArray()), "an AP-REP");
            assertLifetime(ctx.lifetime());
            assertTrue(startsWith(src.exportedCompositeName().toByteArray(), new byte[] {4, 2}));
        }
    }

    @Test
    void localnameOfTheCapturedNameIsUpstreamsReply() {
        try (RawConnection c = RawConnection.open(acceptSocket(daemon.socket()))) {
            // alice@EXAMPLE.TEST in the default realm maps to the local account alice (uid differs, name not)
            assertSameRecord(Wire.reply("accept", "05"), exchange(c, Wire.call("accept", "05")),
                    Procedure.IMPORT_AND_CANON_NAME, "accept/05 verbatim");

            GssxName accepted = accept(c).contextHandle().orElseThrow().srcName();
            byte[] reply = exchange(c, Wire.callRecord(1, Procedure.IMPORT_AND_CANON_NAME, Args.localname(accepted)));
            ResImportAndCanonName result = Wire.results(reply, Procedure.IMPORT_AND_CANON_NAME,
                    ResImportAndCanonName.class);
            assertEquals(Wire.results(Wire.reply("accept", "05"), Procedure.IMPORT_AND_CANON_NAME,
                    ResImportAndCanonName.class), result, "the name of a context accepted here maps the same way");
        }
    }

    @Test
    void twoLegInitiationHasUpstreamsShape() {
        try (RawConnection c = RawConnection.open(initSocket(daemon.socket()))) {
            GssxCred first = initiatorCred(c, "01");

            byte[] goldenCall2 = Wire.call("init", "02");
            ArgInitSecContext g2 = Wire.args(goldenCall2, ArgInitSecContext.class);
            ArgInitSecContext leg1 = new ArgInitSecContext(g2.callCtx(), g2.contextHandle(), Optional.of(first),
                    g2.targetName(), g2.mechType(), g2.reqFlags(), g2.timeReq(), g2.inputCb(), g2.inputToken(),
                    g2.options());
            GssxName target = Args.hostbasedService(ExampleRealm.HOST_SERVICE);
            assertEquals(Args.init(first, target, ExampleRealm.CLIENT_FLAGS), leg1, "client builder = interposer");
            byte[] reply2 = exchange(c, Wire.callRecord(Wire.xid(goldenCall2), Procedure.INIT_SEC_CONTEXT, leg1));
            ResInitSecContext continued = Wire.results(reply2, Procedure.INIT_SEC_CONTEXT, ResInitSecContext.class);
            GssxCtx partial = continued.contextHandle().orElseThrow();
            byte[] apReq = continued.outputToken().orElseThrow().toByteArray();
            ResInitSecContext golden2 = Wire.results(Wire.reply("init", "02"), Procedure.INIT_SEC_CONTEXT,
                    ResInitSecContext.class);
            GssxCtx goldenPartial = golden2.contextHandle().orElseThrow();
            // CONTINUE_NEEDED with its text, empty names, lifetime 0, locally initiated, not open: all upstream's
            ResInitSecContext expected2 = new ResInitSecContext(golden2.status(), Optional.of(context(goldenPartial,
                    partial, goldenPartial.srcName(), goldenPartial.lifetime())),
                    continued.outputToken(), golden2.options());
            assertSameRecord(Wire.replyRecord(Wire.xid(goldenCall2), Procedure.INIT_SEC_CONTEXT, expected2), reply2,
                    Procedure.INIT_SEC_CONTEXT, "init/02 with our credential");
            assertEquals(AP_REQ, tokId(apReq), "an AP-REQ");

            byte[] apRep = realm.acceptAsHost(apReq);
            GssxCred second = initiatorCred(c, "03");
            byte[] goldenCall4 = Wire.call("init", "04");
            ArgInitSecContext g4 = Wire.args(goldenCall4, ArgInitSecContext.class);
            ArgInitSecContext leg2 = new ArgInitSecContext(g4.callCtx(), Optional.of(partial), Optional.of(second),
                    g4.targetName(), g4.mechType(), g4.reqFlags(), g4.timeReq(), g4.inputCb(),
                    Optional.of(Opaque.of(apRep)), g4.options());
            assertEquals(Args.initContinue(partial, second, target, ExampleRealm.CLIENT_FLAGS, apRep), leg2);
            byte[] reply4 = exchange(c, Wire.callRecord(Wire.xid(goldenCall4), Procedure.INIT_SEC_CONTEXT, leg2));
            GssxCtx done = Wire.results(reply4, Procedure.INIT_SEC_CONTEXT, ResInitSecContext.class)
                    .contextHandle().orElseThrow();
            ResInitSecContext golden4 = Wire.results(Wire.reply("init", "04"), Procedure.INIT_SEC_CONTEXT,
                    ResInitSecContext.class);
            GssxCtx goldenDone = golden4.contextHandle().orElseThrow();
            // COMPLETE, alice -> host/localhost, flags 0x136, open, and output_token absent (not empty)
            ResInitSecContext expected4 = new ResInitSecContext(golden4.status(), Optional.of(context(goldenDone,
                    done, goldenDone.srcName(), done.lifetime())), golden4.outputToken(),
                    golden4.options());
            assertSameRecord(Wire.replyRecord(Wire.xid(goldenCall4), Procedure.INIT_SEC_CONTEXT, expected4), reply4,
                    Procedure.INIT_SEC_CONTEXT, "init/04 with our partial context and the in-process AP-REP");
            assertTrue(startsWith(done.exportedContextToken().toByteArray(), MIT_EXPORT_PREFIX));
            assertLifetime(done.lifetime());

            assertSameRecord(Wire.reply("init", "05"), exchange(c, Wire.call("init", "05")),
                    Procedure.INDICATE_MECHS, "init/05 verbatim");
        }
    }

    @Test
    void kernelAcceptOfMappedAliceGivesLucidContextAndHerIds() {
        ResAcceptSecContext result = kernelAccept("01", realm.apReq("alice", ExampleRealm.NFS_SERVICE,
                ExampleRealm.MUTUAL_ONLY));
        ResAcceptSecContext golden = Wire.results(Wire.reply("kernel", "01"), Procedure.ACCEPT_SEC_CONTEXT,
                ResAcceptSecContext.class);

        KernelCalls.assertReply(golden, result, result.outputToken(), aliceCredsOption(golden), "kernel/01");
        assertLucid(result, CFX | ACCEPTOR_SUBKEY);
        assertEquals(AP_REP, tokId(result.outputToken().orElseThrow().toByteArray()), "an AP-REP");
    }

    @Test
    void kernelAcceptOfUnmappedBobStillCarriesLinuxCreds() {
        assertTrue(LocalUsers.lookup("bob").isEmpty());
        ResAcceptSecContext result = kernelAccept("02", realm.apReq("bob", ExampleRealm.NFS_SERVICE,
                ExampleRealm.MUTUAL_ONLY));
        ResAcceptSecContext golden = Wire.results(Wire.reply("kernel", "02"), Procedure.ACCEPT_SEC_CONTEXT,
                ResAcceptSecContext.class);

        // options verbatim from the capture: linux_creds_v1 = ffffffff ffffffff 00000000
        KernelCalls.assertReply(golden, result, result.outputToken(), golden.options(), "kernel/02");
        assertLucid(result, CFX | ACCEPTOR_SUBKEY);
    }

    @Test
    void kernelAcceptWithoutMutualSendsAnEmptyOutputToken() {
        ResAcceptSecContext result = kernelAccept("03", realm.apReq("alice", ExampleRealm.NFS_SERVICE, 0));
        ResAcceptSecContext golden = Wire.results(Wire.reply("kernel", "03"), Procedure.ACCEPT_SEC_CONTEXT,
                ResAcceptSecContext.class);

        // output_token verbatim from the capture: present (1) with length 0
        KernelCalls.assertReply(golden, result, golden.outputToken(), aliceCredsOption(golden), "kernel/03");
        assertLucid(result, CFX);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static byte[] exchange(RawConnection connection, byte[] call) {
        return connection.exchange(call).orElseThrow(() -> new AssertionError(
                "the daemon closed the connection instead of answering; its log:\n" + daemon.log()));
    }

    private static GssxCred handle(byte[] acquireReply) {
        return Wire.results(acquireReply, Procedure.ACQUIRE_CRED, ResAcquireCred.class).outputCredHandle()
                .orElseThrow(() -> new AssertionError("no credential handle; daemon log:\n" + daemon.log()));
    }

    /** init/01 or init/03 verbatim; the reply must be upstream's but for our reference and time left. */
    private static GssxCred initiatorCred(RawConnection c, String prefix) {
        byte[] reply = exchange(c, Wire.call("init", prefix));
        GssxCred ours = handle(reply);
        long timeLeft = ours.elements().getFirst().initiatorTimeRec();
        byte[] expected = withCred(Wire.reply("init", prefix), ours.credHandleReference(), Optional.of(timeLeft));
        assertSameRecord(expected, reply, Procedure.ACQUIRE_CRED, "init/" + prefix + " with our reference");
        assertLifetime(timeLeft);
        return ours;
    }

    /** accept/02 for the handle, then accept/04 with it and a fresh AP-REQ from alice. */
    private static ResAcceptSecContext accept(RawConnection c) {
        GssxCred cred = handle(exchange(c, Wire.call("accept", "02")));
        byte[] goldenCall = Wire.call("accept", "04");
        ArgAcceptSecContext golden = Wire.args(goldenCall, ArgAcceptSecContext.class);
        byte[] token = realm.aliceToHost();
        ArgAcceptSecContext args = new ArgAcceptSecContext(golden.callCtx(), golden.contextHandle(),
                Optional.of(cred), Opaque.of(token), golden.inputCb(), golden.retDelegCred(), golden.options());
        assertEquals(Args.accept(cred, token), args, "the client builder sends what the interposer sends");
        byte[] reply = exchange(c, Wire.callRecord(Wire.xid(goldenCall), Procedure.ACCEPT_SEC_CONTEXT, args));
        return Wire.results(reply, Procedure.ACCEPT_SEC_CONTEXT, ResAcceptSecContext.class);
    }

    /** The kernel/ call {@code prefix} with {@code token} instead of the captured one, over a fresh connection. */
    private static ResAcceptSecContext kernelAccept(String prefix, byte[] token) {
        try (RawConnection c = RawConnection.open(daemon.socket())) {
            return KernelCalls.results(exchange(c, KernelCalls.call(prefix, token)));
        }
    }

    private static List<GssxOption> aliceCredsOption(ResAcceptSecContext golden) {
        return KernelCalls.credsOption(golden, alice);
    }
}
