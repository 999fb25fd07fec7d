package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.AcceptResult;
import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.GssFlag;
import dev.gssproxy4j.server.config.GssFlags;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.creds.AcquireRequest;
import dev.gssproxy4j.server.creds.Acquired;
import dev.gssproxy4j.server.creds.CredentialPolicy;
import dev.gssproxy4j.server.creds.StoreScope;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INIT_SEC_CONTEXT as the interposer drives it (golden init/): two legs with mutual authentication against an
 * in-process acceptor (the mech API with the service keytab), the partial context sealed between the legs.
 */
class InitSecContextTest {

    private static final List<GssxOption> SYNC = List.of(GssxOption.of(Options.SYNC_MODIFIED_CREDS, "default"));
    private static final int MUTUAL_REPLAY = ContextFlag.MUTUAL.bit() | ContextFlag.REPLAY.bit();
    private static final byte[] MESSAGE = "message from the initiator".getBytes(StandardCharsets.UTF_8);

    private static ServerRealm realm;
    private final InitSecContext handler = new InitSecContext();

    @BeforeAll
    static void start() {
        realm = new ServerRealm();
    }

    @AfterAll
    static void stop() {
        realm.close();
    }

    @Test
    void twoLegsWithMutualAuthenticationAndASealedPartialContext() throws Exception {
        ServerResources resources = realm.resources();
        CallContext call = ServerRealm.call(realm.initiatorService(), resources);
        ResInitSecContext first = handler.handle(leg1(MUTUAL_REPLAY), call);

        assertEquals(MajorStatus.GSS_S_CONTINUE_NEEDED.value(), first.status().majorStatus());
        assertEquals(Oids.KRB5, first.status().mech());
        assertEquals(Opaque.cString("The routine must be called again to complete its function"),
                first.status().majorStatusString());
        GssxCtx partial = first.contextHandle().orElseThrow();
        assertEquals(GssxName.EMPTY, partial.srcName());
        assertEquals(GssxName.EMPTY, partial.targName());
        assertEquals(0, partial.lifetime());
        assertTrue(partial.locallyInitiated());
        assertFalse(partial.open());
        assertEquals(Oids.KRB5, partial.mech());
        assertTrue(ContextFlag.MUTUAL.in((int) partial.ctxFlags()), "flags " + partial.ctxFlags());
        assertTrue(resources.sealer().open(HandleKind.PARTIAL_CONTEXT,
                Binding.of(StoreScope.of(realm.initiatorService()), ServerRealm.CALLER_UID),
                partial.exportedContextToken().toByteArray(), resources.clock().instant()).payload().length > 0,
                "the partial context is sealed for the service's credential store and the caller");
        assertThrows(GssException.class, () -> realm.gss.importContext(partial.exportedContextToken().toByteArray()),
                "the partial context is not MIT's plaintext export");

        try (GssCred acceptorCred = realm.acceptorCred()) {
            AcceptResult accepted = realm.gss.acceptSecContext(null, acceptorCred,
                    first.outputToken().orElseThrow().toByteArray(), null);
            assertTrue(accepted.outputToken().length > 0, "AP-REP");
            ResInitSecContext last = handler.handle(leg2(partial, accepted.outputToken(), MUTUAL_REPLAY), call);

            assertEquals(0, last.status().majorStatus());
            assertEquals(Oids.KRB5, last.status().mech());
            assertTrue(last.status().majorStatusString().isEmpty());
            assertTrue(last.outputToken().isEmpty(), "no token on the last leg: absent, as upstream sends it");
            GssxCtx complete = last.contextHandle().orElseThrow();
            assertTrue(complete.open() && complete.locallyInitiated());
            assertEquals(realm.realm.principal(ServerRealm.USER), complete.srcName().displayText());
            assertEquals(realm.realm.principal(ServerRealm.SERVICE_PRINCIPAL), complete.targName().displayText());
            assertTrue(complete.lifetime() > 0);
            try (SecContext initiator = realm.gss.importContext(complete.exportedContextToken().toByteArray());
                 SecContext acceptor = accepted.context()) {
                byte[] token = initiator.wrap(true, 0, MESSAGE).token();
                assertArrayEquals(MESSAGE, acceptor.unwrap(token).message());
            } finally {
                accepted.srcName().close();
            }
        }
    }

    @Test
    void aTamperedOrForeignPartialContextIsNoContext() throws InterruptedException {
        CallContext call = ServerRealm.call(realm.initiatorService(), realm.resources());
        GssxCtx partial = handler.handle(leg1(MUTUAL_REPLAY), call).contextHandle().orElseThrow();
        byte[] altered = partial.exportedContextToken().toByteArray();
        altered[altered.length / 2] ^= 1;

        GssException tampered = assertThrows(GssException.class, () -> handler.handle(
                leg2(withToken(partial, altered), new byte[] {1}, MUTUAL_REPLAY), call));
        assertEquals(MajorStatus.GSS_S_NO_CONTEXT, tampered.majorStatus());
        assertTrue(tampered.status().minorMessage().contains("partial context in context_handle cannot be used"),
                tampered.status().minorMessage());
        assertTrue(tampered.status().minorMessage().contains("INIT_SEC_CONTEXT without context_handle"));

        ServiceConfig other = ServiceConfig.builder("other-store").euid(ServerRealm.CALLER_UID)
                .credStore("client_keytab", realm.aliceKeytab.toString()).credStore("ccache", "MEMORY:other")
                .credUsage(dev.gssproxy4j.mech.CredUsage.INITIATE).build();
        CallContext otherCall = ServerRealm.call(other, call.resources());
        GssException foreign = assertThrows(GssException.class, () -> handler.handle(
                leg2(partial, new byte[] {1}, MUTUAL_REPLAY), otherCall));
        assertEquals(MajorStatus.GSS_S_NO_CONTEXT, foreign.majorStatus());
    }

    @Test
    void aRestartedDaemonWithTheSameKeyringContinuesTheExchange(@TempDir Path dir) throws Exception {
        Path keyring = dir.resolve("keyring");
        CallContext before = ServerRealm.call(realm.initiatorService(),
                realm.resources(new HandleSealer(Keyring.loadOrCreate(keyring)), Clock.systemUTC()));
        ResInitSecContext first = handler.handle(leg1(MUTUAL_REPLAY), before);
        CallContext after = ServerRealm.call(realm.initiatorService(),
                realm.resources(new HandleSealer(Keyring.loadOrCreate(keyring)), Clock.systemUTC()));
        try (GssCred acceptorCred = realm.acceptorCred()) {
            AcceptResult accepted = realm.gss.acceptSecContext(null, acceptorCred,
                    first.outputToken().orElseThrow().toByteArray(), null);
            ResInitSecContext last = handler.handle(leg2(first.contextHandle().orElseThrow(),
                    accepted.outputToken(), MUTUAL_REPLAY), after);
            assertEquals(0, last.status().majorStatus());
            assertTrue(last.contextHandle().orElseThrow().open());
            accepted.context().close();
            accepted.srcName().close();
        }
    }

    @Test
    void filterFlagsRemoveDelegationAndEnforceFlagsAddMutualAuthentication() throws InterruptedException {
        int delegate = ContextFlag.DELEG.bit();
        CallContext filtered = ServerRealm.call(realm.initiatorService(), realm.resources());
        assertTrue(filtered.service().filterFlags().contains(GssFlag.DELEGATE), "the default filter_flags");
        ResInitSecContext oneLeg = handler.handle(leg1(delegate | ContextFlag.REPLAY.bit()), filtered);
        assertEquals(0, oneLeg.status().majorStatus(), "without mutual authentication krb5 takes one leg");
        assertFalse(ContextFlag.DELEG.in((int) oneLeg.contextHandle().orElseThrow().ctxFlags()));
        try (GssCred acceptorCred = realm.acceptorCred()) {
            AcceptResult accepted = realm.gss.acceptSecContext(null, acceptorCred,
                    oneLeg.outputToken().orElseThrow().toByteArray(), null);
            assertNull(accepted.delegatedCred(), "no credential was delegated");
            assertFalse(ContextFlag.DELEG.in(accepted.retFlags()));
            accepted.context().close();
            accepted.srcName().close();
        }

        ServiceConfig enforcing = ServiceConfig.builder("test-init").euid(ServerRealm.CALLER_UID)
                .credStore("client_keytab", realm.aliceKeytab.toString())
                .credUsage(dev.gssproxy4j.mech.CredUsage.INITIATE)
                .enforceFlags(GssFlags.of(GssFlag.MUTUAL_AUTH)).build();
        ResInitSecContext mutual = handler.handle(leg1(ContextFlag.REPLAY.bit()),
                ServerRealm.call(enforcing, realm.resources()));
        assertEquals(MajorStatus.GSS_S_CONTINUE_NEEDED.value(), mutual.status().majorStatus(),
                "enforce_flags added MUTUAL_AUTH, so the acceptor must answer");
    }

    @Test
    void aCredentialThatGainedTicketsIsSentBackWhenTheServiceAllowsSync() throws InterruptedException {
        ServiceConfig syncing = ServiceConfig.builder("test-init").euid(ServerRealm.CALLER_UID)
                .credStore("client_keytab", realm.aliceKeytab.toString())
                .credUsage(dev.gssproxy4j.mech.CredUsage.INITIATE).allowClientCcacheSync(true).build();
        CallContext call = ServerRealm.call(syncing, realm.resources());
        GssxCred handle = handle(call);
        ResInitSecContext result = handler.handle(withCred(leg1(MUTUAL_REPLAY), handle), call);
        assertEquals(MajorStatus.GSS_S_CONTINUE_NEEDED.value(), result.status().majorStatus());
        Opaque synced = Options.value(result.options(), Options.SYNC_CREDS).orElseThrow();
        GssxCred refreshed = GssxCred.fromXdr(synced, XdrLimits.DEFAULT);
        try (CredentialPolicy creds = call.credentials()) {
            assertTrue(creds.open(refreshed).isPresent(), "the synced credential is a handle of this caller");
        }

        CallContext noSync = ServerRealm.call(realm.initiatorService(), call.resources());
        ResInitSecContext plain = handler.handle(withCred(leg1(MUTUAL_REPLAY), handle(noSync)), noSync);
        assertTrue(plain.options().isEmpty(), "allow_client_ccache_sync is off by default");
    }

    @Test
    void aCompleteContextComesAsLinuxLucidV1WhenTheCallContextAsksForIt() throws InterruptedException {
        CallContext call = ServerRealm.call(realm.initiatorService(), realm.resources());
        CallCtx lucid = CallCtx.withOptions(List.of(GssxOption.of(Options.EXPORTED_CONTEXT_TYPE,
                Options.LINUX_LUCID_V1)));
        ArgInitSecContext oneLeg = new ArgInitSecContext(lucid, Optional.empty(), Optional.empty(),
                Optional.of(target()), Oids.KRB5, ContextFlag.REPLAY.bit(), 0, Optional.empty(), Optional.empty(),
                List.of());
        GssxCtx ctx = handler.handle(oneLeg, call).contextHandle().orElseThrow();
        byte[] token = ctx.exportedContextToken().toByteArray();
        assertEquals(20 + 32, token.length, "flags, endtime, send_seq, enctype and an aes256 key");
        assertEquals(1, token[0] & 1, "the INITIATOR flag (host byte order)");
        assertTrue(ctx.srcName().exportedCompositeName().isEmpty(), "composite names suppressed as for the kernel");

        CallCtx unknown = CallCtx.withOptions(List.of(GssxOption.of(Options.EXPORTED_CONTEXT_TYPE, "other")));
        GssException e = assertThrows(GssException.class, () -> handler.handle(new ArgInitSecContext(unknown,
                Optional.empty(), Optional.empty(), Optional.of(target()), Oids.KRB5, 0, 0, Optional.empty(),
                Optional.empty(), List.of()), call));
        assertEquals(MajorStatus.GSS_S_FAILURE, e.majorStatus());
        assertEquals(22, e.minor());
    }

    @Test
    void withoutACredentialOnlyKrb5GetsADefaultOne() {
        CallContext call = ServerRealm.call(realm.initiatorService(), realm.resources());
        ArgInitSecContext spnego = new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(), Optional.empty(),
                Optional.of(target()), Oids.SPNEGO, MUTUAL_REPLAY, 0, Optional.empty(), Optional.empty(), SYNC);
        GssException e = assertThrows(GssException.class, () -> handler.handle(spnego, call));
        assertEquals(MajorStatus.GSS_S_NO_CRED, e.majorStatus());
    }

    @Test
    void sealedOnlyLeavesTheClearTokenOutOfEveryReplyAndTheStateAloneCarriesTheContext() throws Exception {
        ServerResources resources = realm.resources();
        CallContext call = ServerRealm.call(realm.initiatorService(), resources);
        ResInitSecContext first = handler.handle(sealedOnly(leg1(MUTUAL_REPLAY)), call);
        GssxCtx partial = first.contextHandle().orElseThrow();
        assertTrue(partial.state().isEmpty(), "a partial context has only its sealed form, as without the option");
        assertThrows(GssException.class, () -> realm.gss.importContext(partial.exportedContextToken().toByteArray()),
                "the partial context is not MIT's plaintext export");

        try (GssCred acceptorCred = realm.acceptorCred()) {
            AcceptResult accepted = realm.gss.acceptSecContext(null, acceptorCred,
                    first.outputToken().orElseThrow().toByteArray(), null);
            ResInitSecContext last = handler.handle(sealedOnly(leg2(partial, accepted.outputToken(), MUTUAL_REPLAY)),
                    call);
            assertEquals(0, last.status().majorStatus(), () -> last.status().minorStatusString().toText());
            GssxCtx complete = last.contextHandle().orElseThrow();
            assertTrue(complete.exportedContextToken().isEmpty(), "no clear export: it holds the session keys");
            assertFalse(complete.state().isEmpty());
            assertTrue(complete.open() && complete.lifetime() > 0, "the context is described as without the option");

            ResWrap wrapped = wrapUntilACopyComes(SEALED_ONLY, complete, call);
            assertTrue(wrapped.status().isComplete(), () -> wrapped.status().minorStatusString().toText());
            assertTrue(wrapped.contextHandle().orElseThrow().exportedContextToken().isEmpty(),
                    "per-message replies leave it out too");
            assertFalse(wrapped.contextHandle().orElseThrow().state().isEmpty());
            ResWrap clear = wrapUntilACopyComes(CallCtx.EMPTY, wrapped.contextHandle().orElseThrow(), call);
            assertFalse(clear.contextHandle().orElseThrow().exportedContextToken().isEmpty(),
                    "without the option the clear token comes back, as upstream sends it");
            try (SecContext acceptor = accepted.context()) {
                assertArrayEquals(MESSAGE, acceptor.unwrap(wrapped.tokenBuffer().getFirst().toByteArray())
                        .message());
            } finally {
                accepted.srcName().close();
            }
        }
    }

    @Test
    void sealedOnlyWithAnotherValueIsAnInvalidArgumentInEveryProcedureThatReadsIt() throws Exception {
        CallContext call = ServerRealm.call(realm.initiatorService(), realm.resources());
        CallCtx yes = CallCtx.withOptions(Options.builder().add(Options.SEALED_ONLY, "yes").build());
        GssException init = assertThrows(GssException.class, () -> handler.handle(withCallCtx(leg1(MUTUAL_REPLAY),
                yes), call));
        assertEquals(MajorStatus.GSS_S_FAILURE, init.majorStatus());
        assertEquals(22, init.minor());
        assertTrue(init.status().minorMessage().contains("gssproxy4j.sealed_only must be 1"),
                init.status().minorMessage());
        GssxCtx partial = handler.handle(leg1(MUTUAL_REPLAY), call).contextHandle().orElseThrow();
        GssException wrap = assertThrows(GssException.class, () -> new Wrap().handle(new ArgWrap(yes, partial,
                true, List.of(Opaque.of(MESSAGE)), 0), call), "checked before the context is opened");
        assertEquals(MajorStatus.GSS_S_FAILURE, wrap.majorStatus());
        assertEquals(22, wrap.minor());
    }

    private static final CallCtx SEALED_ONLY = CallCtx.withOptions(Options.builder()
            .add(Options.SEALED_ONLY, Options.SEALED_ONLY_ON).build());

    private static ArgInitSecContext sealedOnly(ArgInitSecContext args) {
        return withCallCtx(args, SEALED_ONLY);
    }

    private static ArgInitSecContext withCallCtx(ArgInitSecContext args, CallCtx callCtx) {
        return new ArgInitSecContext(callCtx, args.contextHandle(), args.credHandle(), args.targetName(),
                args.mechType(), args.reqFlags(), args.timeReq(), args.inputCb(), args.inputToken(), args.options());
    }

    private static GssxCred handle(CallContext call) throws InterruptedException {
        try (CredentialPolicy creds = call.credentials()) {
            Acquired acquired = creds.acquire(AcquireRequest.normal(Optional.empty(), CredUsage.INITIATE));
            try (GssCred cred = acquired.cred()) {
                return creds.seal(cred);
            }
        }
    }

    private static GssxName target() {
        return GssxName.of(ServerRealm.TARGET, Oids.NT_HOSTBASED_SERVICE);
    }

    private static ArgInitSecContext leg1(int flags) {
        return new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(), Optional.empty(), Optional.of(target()),
                Oids.KRB5, flags, 0, Optional.empty(), Optional.empty(), SYNC);
    }

    private static ArgInitSecContext leg2(GssxCtx partial, byte[] token, int flags) {
        return new ArgInitSecContext(CallCtx.EMPTY, Optional.of(partial), Optional.empty(), Optional.of(target()),
                Oids.KRB5, flags, 0, Optional.empty(), Optional.of(Opaque.of(token)), SYNC);
    }

    private static ArgInitSecContext withCred(ArgInitSecContext args, GssxCred cred) {
        return new ArgInitSecContext(args.callCtx(), args.contextHandle(), Optional.of(cred), args.targetName(),
                args.mechType(), args.reqFlags(), args.timeReq(), args.inputCb(), args.inputToken(), args.options());
    }

    private static GssxCtx withToken(GssxCtx ctx, byte[] token) {
        return new GssxCtx(Opaque.of(token), ctx.state(), ctx.needsRelease(), ctx.mech(), ctx.srcName(),
                ctx.targName(), ctx.lifetime(), ctx.ctxFlags(), ctx.locallyInitiated(), ctx.open(), ctx.options());
    }

    /** WRAP on {@code handle} until the daemon sends a fresh copy of the context (it does every so many calls). */
    private static ResWrap wrapUntilACopyComes(CallCtx callCtx, GssxCtx handle, CallContext call)
            throws InterruptedException {
        for (int n = 1; ; n++) {
            ResWrap wrapped = new Wrap().handle(new ArgWrap(callCtx, handle, true, List.of(Opaque.of(MESSAGE)), 0),
                    call);
            if (wrapped.contextHandle().isPresent() || !wrapped.status().isComplete() || n > 1000) {
                return wrapped;
            }
        }
    }
}
