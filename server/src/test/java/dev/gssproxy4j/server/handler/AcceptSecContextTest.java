package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.LucidContext;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ACCEPT_SEC_CONTEXT against a real KDC and the real MIT library, initiators made in-process. */
class AcceptSecContextTest {

    static final int MUTUAL = ContextFlag.MUTUAL.bit() | ContextFlag.SEQUENCE.bit() | ContextFlag.REPLAY.bit()
            | ContextFlag.CONF.bit() | ContextFlag.INTEG.bit();
    static final byte[] MESSAGE = "proxied hello".getBytes(StandardCharsets.UTF_8);
    static final CallCtx KERNEL = CallCtx.withOptions(Options.builder()
            .add(Options.EXPORTED_CONTEXT_TYPE, Options.LINUX_LUCID_V1)
            .add(Options.EXPORTED_CREDS_TYPE, Options.LINUX_CREDS_V1).build());

    static ServerRealm kdc;
    static ServiceConfig service;
    final AcceptSecContext accept = new AcceptSecContext();

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
        service = kdc.acceptor("accept-test").build();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    static ArgAcceptSecContext args(CallCtx callCtx, Optional<GssxCtx> context, Optional<GssxCred> cred,
                                    byte[] token) {
        return new ArgAcceptSecContext(callCtx, context, cred, Opaque.of(token), Optional.empty(), false, List.of());
    }

    ResAcceptSecContext accept(ArgAcceptSecContext args, CallContext call) throws InterruptedException {
        return ServerRealm.run(accept, args, call);
    }

    /** ACQUIRE_CRED as the interposer sends it for an acceptor: host@localhost (with its NUL), krb5, ACCEPT. */
    static GssxCred acquireAcceptor(CallContext call) throws InterruptedException {
        ArgAcquireCred args = new ArgAcquireCred(CallCtx.EMPTY, Optional.empty(), false,
                Optional.of(new GssxName(Opaque.cString("host@localhost"), Oids.NT_HOSTBASED_SERVICE, Opaque.EMPTY,
                        Opaque.EMPTY, List.of(), List.of())), 0, List.of(Oids.KRB5), CredUsage.ACCEPT, 0, 0,
                List.of());
        ResAcquireCred res = ServerRealm.run(new AcquireCred(), args, call);
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
        return res.outputCredHandle().orElseThrow();
    }

    @Test
    void acceptsWithAnAcquiredHandleAndTheExportedContextWorksAtTheInitiator() throws Exception {
        CallContext call = kdc.call(service, ServerRealm.SERVICE_UID);
        GssxCred handle = acquireAcceptor(call);
        assertEquals(kdc.realm.principal(ServerRealm.SERVICE_PRINCIPAL), handle.desiredName().displayText());
        assertEquals(Oids.KRB5_NT_PRINCIPAL_NAME, handle.desiredName().nameType());
        assertFalse(handle.desiredName().exportedName().isEmpty());
        assertFalse(handle.desiredName().exportedCompositeName().isEmpty());
        assertEquals(1, handle.elements().size());
        assertEquals(CredUsage.ACCEPT, handle.elements().get(0).credUsage());
        assertEquals(0xffffffffL, handle.elements().get(0).acceptorTimeRec());
        assertEquals(Oids.KRB5, handle.elements().get(0).mech());
        assertFalse(handle.needsRelease());

        try (GssCred alice = kdc.initiatorCred("alice")) {
            InitResult first = kdc.initiate(alice, MUTUAL);
            try (SecContext initiator = first.context()) {
                ResAcceptSecContext res = accept(args(CallCtx.EMPTY, Optional.empty(), Optional.of(handle),
                        first.outputToken()), call);
                assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
                assertEquals(Oids.KRB5, res.status().mech());
                GssxCtx ctx = res.contextHandle().orElseThrow();
                assertTrue(ctx.open());
                assertFalse(ctx.locallyInitiated());
                assertEquals(kdc.realm.principal("alice"), ctx.srcName().displayText());
                assertFalse(ctx.srcName().exportedCompositeName().isEmpty());
                assertEquals(kdc.realm.principal(ServerRealm.SERVICE_PRINCIPAL), ctx.targName().displayText());
                assertTrue(ctx.lifetime() > 0);
                assertTrue(ContextFlag.MUTUAL.in((int) ctx.ctxFlags()));
                assertTrue(res.outputToken().orElseThrow().length() > 0, "AP-REP for mutual authentication");
                assertTrue(res.delegatedCredHandle().isEmpty());
                assertTrue(res.options().isEmpty());

                InitResult last = kdc.continueInit(alice, initiator, MUTUAL, res.outputToken().get().toByteArray());
                assertFalse(last.continueNeeded());
                try (SecContext acceptor = kdc.gss.importContext(ctx.exportedContextToken().toByteArray())) {
                    byte[] wrapped = initiator.wrap(true, 0, MESSAGE).token();
                    assertArrayEquals(MESSAGE, acceptor.unwrap(wrapped).message());
                    assertArrayEquals(MESSAGE, initiator.unwrap(acceptor.wrap(true, 0, MESSAGE).token()).message());
                }
            }
        }
    }

    @Test
    void repeatedAcceptsWithOneHandleShareTheCredentialImportedFirst() throws Exception {
        ServerResources resources = kdc.resources(); // one daemon for all calls, as a connection sees it
        CallContext call = ServerRealm.call(service, ServerRealm.SERVICE_UID, resources);
        GssxCred handle = acquireAcceptor(call);
        for (int login = 0; login < 3; login++) {
            try (GssCred alice = kdc.initiatorCred("alice")) {
                InitResult init = kdc.initiate(alice, ContextFlag.CONF.bit() | ContextFlag.INTEG.bit());
                try (SecContext initiator = init.context()) {
                    ResAcceptSecContext res = accept(args(CallCtx.EMPTY, Optional.empty(), Optional.of(handle),
                            init.outputToken()), call);
                    assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
                    GssxCtx ctx = res.contextHandle().orElseThrow();
                    assertEquals(kdc.realm.principal("alice"), ctx.srcName().displayText());
                    assertFalse(ctx.srcName().exportedCompositeName().isEmpty());
                    try (SecContext acceptor = kdc.gss.importContext(ctx.exportedContextToken().toByteArray())) {
                        assertArrayEquals(MESSAGE, acceptor.unwrap(initiator.wrap(true, 0, MESSAGE).token())
                                .message());
                    }
                }
            }
            assertEquals(1, resources.credCache().size(), "imported once, then leased from the cache");
        }
    }

    @Test
    void kernelGetsALucidContextAndTheLocalAccountOfAMappedPrincipal() throws Exception {
        CallContext call = kdc.call(service, 0);
        try (GssCred root = kdc.initiatorCred("root")) {
            InitResult first = kdc.initiate(root, MUTUAL);
            try (SecContext initiator = first.context()) {
                ResAcceptSecContext res = accept(args(KERNEL, Optional.empty(), Optional.empty(),
                        first.outputToken()), call);
                assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
                GssxCtx ctx = res.contextHandle().orElseThrow();
                assertTrue(ctx.srcName().exportedCompositeName().isEmpty(), "the kernel gets no composite names");
                assertTrue(ctx.targName().exportedCompositeName().isEmpty());
                assertFalse(ctx.srcName().exportedName().isEmpty());

                kdc.continueInit(root, initiator, MUTUAL, res.outputToken().orElseThrow().toByteArray());
                LucidContext peer = kdc.gss.exportLucid(initiator, 1);
                ByteBuffer lucid = ByteBuffer.wrap(ctx.exportedContextToken().toByteArray())
                        .order(ByteOrder.nativeOrder());
                int flags = lucid.getInt();
                long endtime = Integer.toUnsignedLong(lucid.getInt());
                long sendSeq = lucid.getLong();
                int enctype = lucid.getInt();
                byte[] key = new byte[lucid.remaining()];
                lucid.get(key);
                assertEquals(0x2 | 0x4, flags, "CFX with an acceptor subkey, not initiator");
                assertTrue(enctype == 18 || enctype == 17, "aes-sha1 enctype, got " + enctype);
                assertEquals(enctype == 18 ? 32 : 16, key.length);
                assertEquals(peer.cfx().acceptorSubkey().enctype(), enctype);
                assertArrayEquals(peer.cfx().acceptorSubkey().key(), key, "the initiator holds the same subkey");
                assertEquals(peer.recvSeq(), sendSeq, "what the acceptor sends next is what the initiator expects");
                assertTrue(Math.abs(endtime - peer.endtime()) <= 1);

                GssxOption creds = res.options().get(0);
                assertEquals(1, res.options().size());
                assertEquals(Opaque.cString(Options.LINUX_CREDS_V1), creds.option(), "15 bytes with the NUL");
                ByteBuffer v = ByteBuffer.wrap(creds.value().toByteArray()).order(ByteOrder.nativeOrder());
                assertEquals(0, v.getInt(), "uid of root");
                assertEquals(0, v.getInt(), "gid of root");
                int n = v.getInt();
                assertTrue(n >= 1, "getgrouplist includes the primary group");
                assertEquals((3 + n) * 4, creds.value().length());
                assertEquals(0, v.getInt());
            }
        }
    }

    @Test
    void kernelGetsMinusOneForAPrincipalWithoutLocalAccount() throws Exception {
        CallContext call = kdc.call(service, 0);
        try (GssCred bob = kdc.initiatorCred("bob")) {
            InitResult first = kdc.initiate(bob, MUTUAL & ~ContextFlag.MUTUAL.bit());
            try (SecContext ignored = first.context()) {
                ResAcceptSecContext res = accept(args(KERNEL, Optional.empty(), Optional.empty(),
                        first.outputToken()), call);
                assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
                assertEquals(Optional.of(Opaque.EMPTY), res.outputToken(), "present but empty without mutual");
                byte[] expected = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putInt(-1).putInt(-1)
                        .putInt(0).array();
                assertEquals(Opaque.of(expected), Options.value(res.options(), Options.LINUX_CREDS_V1).orElseThrow());
                assertEquals(0, ByteBuffer.wrap(res.contextHandle().orElseThrow().exportedContextToken()
                        .toByteArray()).order(ByteOrder.nativeOrder()).getInt() & 0x4, "no subkey without mutual");
            }
        }
    }

    @Test
    void aReplayedApReqFailsWithTheKrb5MinorCode() throws Exception {
        CallContext call = kdc.call(service, 0);
        try (GssCred alice = kdc.initiatorCred("alice")) {
            InitResult first = kdc.initiate(alice, MUTUAL & ~ContextFlag.MUTUAL.bit());
            try (SecContext ignored = first.context()) {
                ArgAcceptSecContext args = args(KERNEL, Optional.empty(), Optional.empty(), first.outputToken());
                assertEquals(0, accept(args, call).status().majorStatus());
                ResAcceptSecContext again = accept(args, call);
                assertEquals(MajorStatus.GSS_S_FAILURE.value(), again.status().majorStatus());
                assertEquals(0x96c73a22L, again.status().minorStatus(), "KRB5KRB_AP_ERR_REPEAT as u32");
                assertEquals("Request is a replay", again.status().minorStatusString().toText());
                assertEquals(Opaque.EMPTY, again.status().mech(), "as upstream: no mechanism on failure");
                assertEquals(accept.failure(again.status()), again, "nothing but the status");
            }
        }
    }

    @Test
    void aGarbageTokenIsDefective() throws Exception {
        ResAcceptSecContext res = accept(args(KERNEL, Optional.empty(), Optional.empty(),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".getBytes(StandardCharsets.US_ASCII)),
                kdc.call(service, 0));
        assertEquals(MajorStatus.GSS_S_DEFECTIVE_TOKEN.value(), res.status().majorStatus());
        assertEquals(0, res.status().minorStatus());
        assertEquals("Invalid token was supplied", res.status().majorStatusString().toText());
        assertEquals(Opaque.EMPTY, res.status().minorStatusString());
        assertEquals(Opaque.EMPTY, res.status().mech());
        assertEquals(accept.failure(res.status()), res);
    }

    @Test
    void anUnknownExportTypeIsAnInvalidArgument() throws Exception {
        CallCtx other = CallCtx.withOptions(Options.builder().add(Options.EXPORTED_CONTEXT_TYPE, "linux_lucid_v2")
                .build());
        ResAcceptSecContext res = accept(args(other, Optional.empty(), Optional.empty(), new byte[] {1}),
                kdc.call(service, 0));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus());
        assertEquals(22, res.status().minorStatus());
        assertTrue(res.status().minorStatusString().toText().contains("linux_lucid_v2"));
    }

    @Test
    void sealedOnlyAcceptsWithoutTheClearTokenAndTheStateWorksForPerMessageCalls() throws Exception {
        CallContext call = kdc.call(service, ServerRealm.SERVICE_UID);
        CallCtx sealedOnly = CallCtx.withOptions(Options.builder()
                .add(Options.SEALED_ONLY, Options.SEALED_ONLY_ON).build());
        try (GssCred alice = kdc.initiatorCred("alice")) {
            InitResult first = kdc.initiate(alice, MUTUAL);
            try (SecContext initiator = first.context()) {
                ResAcceptSecContext res = accept(args(sealedOnly, Optional.empty(), Optional.empty(),
                        first.outputToken()), call);
                assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
                GssxCtx ctx = res.contextHandle().orElseThrow();
                assertTrue(ctx.exportedContextToken().isEmpty(), "no clear export: it holds the session keys");
                assertFalse(ctx.state().isEmpty());
                assertEquals(kdc.realm.principal("alice"), ctx.srcName().displayText());

                kdc.continueInit(alice, initiator, MUTUAL, res.outputToken().orElseThrow().toByteArray());
                ResUnwrap unwrapped = ServerRealm.run(new Unwrap(), new ArgUnwrap(sealedOnly, ctx,
                        List.of(Opaque.of(initiator.wrap(true, 0, MESSAGE).token())), 0), call);
                assertTrue(unwrapped.status().isComplete(), () -> unwrapped.status().minorStatusString().toText());
                assertEquals(List.of(Opaque.of(MESSAGE)), unwrapped.messageBuffer());
                assertTrue(unwrapped.contextHandle().isEmpty(), "the daemon keeps the context live");
            }
        }
    }

    @Test
    void sealedOnlyWithALucidContextIsAnInvalidArgument() throws Exception {
        CallCtx both = CallCtx.withOptions(Options.builder()
                .add(Options.EXPORTED_CONTEXT_TYPE, Options.LINUX_LUCID_V1)
                .add(Options.SEALED_ONLY, Options.SEALED_ONLY_ON).build());
        ResAcceptSecContext res = accept(args(both, Optional.empty(), Optional.empty(), new byte[] {1}),
                kdc.call(service, 0));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus());
        assertEquals(22, res.status().minorStatus());
        assertTrue(res.status().minorStatusString().toText().contains("not together with exported_context_type"),
                res.status().minorStatusString().toText());
    }

    @Test
    void aContextHandleThatIsNotOursIsNoContext() throws Exception {
        GssxCtx foreign = new GssxCtx(Opaque.of(new byte[200]), Opaque.EMPTY, false, Oids.KRB5, GssxName.EMPTY,
                GssxName.EMPTY, 0, 0, false, false, List.of());
        ResAcceptSecContext res = accept(args(CallCtx.EMPTY, Optional.of(foreign), Optional.empty(), new byte[] {1}),
                kdc.call(service, 0));
        assertEquals(MajorStatus.GSS_S_NO_CONTEXT.value(), res.status().majorStatus());
        assertTrue(res.status().minorStatusString().toText().contains("context"));
    }

    @Test
    void aDceStyleAcceptTakesTwoLegsThroughASealedPartialContext() throws Exception {
        int dce = MUTUAL | ContextFlag.DCE_STYLE.bit();
        CallContext call = kdc.call(service, ServerRealm.SERVICE_UID);
        try (GssCred alice = kdc.initiatorCred("alice")) {
            InitResult first = kdc.initiate(alice, dce);
            try (SecContext initiator = first.context()) {
                ResAcceptSecContext leg1 = accept(args(CallCtx.EMPTY, Optional.empty(), Optional.empty(),
                        first.outputToken()), call);
                assertEquals(MajorStatus.GSS_S_CONTINUE_NEEDED.value(), leg1.status().majorStatus(),
                        () -> leg1.status().minorStatusString().toText());
                GssxCtx partial = leg1.contextHandle().orElseThrow();
                assertFalse(partial.open());
                assertEquals(Oids.KRB5, partial.mech());
                assertEquals(GssxName.EMPTY, partial.srcName());

                InitResult second = kdc.continueInit(alice, initiator, dce,
                        leg1.outputToken().orElseThrow().toByteArray());
                assertFalse(second.continueNeeded());
                ResAcceptSecContext leg2 = accept(args(CallCtx.EMPTY, Optional.of(partial), Optional.empty(),
                        second.outputToken()), call);
                assertEquals(0, leg2.status().majorStatus(), () -> leg2.status().minorStatusString().toText());
                GssxCtx done = leg2.contextHandle().orElseThrow();
                assertTrue(done.open());
                assertEquals(kdc.realm.principal("alice"), done.srcName().displayText());
                try (SecContext acceptor = kdc.gss.importContext(done.exportedContextToken().toByteArray())) {
                    assertArrayEquals(MESSAGE, acceptor.unwrap(initiator.wrap(true, 0, MESSAGE).token()).message());
                }

                ResAcceptSecContext otherCaller = accept(args(CallCtx.EMPTY, Optional.of(partial), Optional.empty(),
                        second.outputToken()), kdc.call(service, ServerRealm.OTHER_UID));
                assertEquals(MajorStatus.GSS_S_NO_CONTEXT.value(), otherCaller.status().majorStatus(),
                        "a partial context opens only for the caller it was issued to");
            }
        }
    }

    @Test
    void aDelegatedCredentialComesBackSealedWhenAskedFor() throws Exception {
        CallContext call = kdc.call(service, ServerRealm.SERVICE_UID);
        int flags = (MUTUAL & ~ContextFlag.MUTUAL.bit()) | ContextFlag.DELEG.bit();
        try (GssCred alice = kdc.initiatorCred("alice")) {
            InitResult first = kdc.initiate(alice, flags);
            try (SecContext ignored = first.context()) {
                ArgAcceptSecContext args = new ArgAcceptSecContext(CallCtx.EMPTY, Optional.empty(), Optional.empty(),
                        Opaque.of(first.outputToken()), Optional.empty(), true, List.of());
                ResAcceptSecContext res = accept(args, call);
                assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
                GssxCred delegated = res.delegatedCredHandle().orElseThrow();
                assertEquals(kdc.realm.principal("alice"), delegated.desiredName().displayText());
                assertEquals(CredUsage.INITIATE, delegated.elements().get(0).credUsage());
                assertTrue(delegated.elements().get(0).initiatorTimeRec() > 0);
            }
        }
    }
}
