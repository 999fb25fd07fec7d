package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.creds.CredentialPolicy;
import dev.gssproxy4j.server.creds.OpenedCred;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACQUIRE_CRED: mechanisms and options, initiator credentials, reuse of a still good input handle, an input handle
 * that does not open (no input, as upstream), trusted uids.
 */
class AcquireCredTest {

    static final int TARGET_UID = 4242;
    static ServerRealm kdc;
    final AcquireCred acquire = new AcquireCred();

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    static ArgAcquireCred args(Optional<GssxCred> input, Optional<GssxName> name, List<Opaque> mechs,
                               CredUsage usage, List<GssxOption> options) {
        return new ArgAcquireCred(CallCtx.EMPTY, input, false, name, 0, mechs, usage, 0, 0, options);
    }

    GssxName alice() {
        return GssxName.of(kdc.realm.principal("alice"), Oids.KRB5_NT_PRINCIPAL_NAME);
    }

    ResAcquireCred run(ArgAcquireCred args, CallContext call) throws InterruptedException {
        return DispatchedCall.run(acquire, args, call);
    }

    /** A service whose own keytab holds alice's keys: its euid initiates as alice. */
    ServiceConfig aliceService() {
        return ServiceConfig.builder("as-alice").euid(ServerRealm.SERVICE_UID)
                .mech(dev.gssproxy4j.server.config.Mech.KRB5).credStore("keytab", kdc.aliceKeytab.toString())
                .build();
    }

    @Test
    void aNamedInitiatorFromTheServiceEuidUsesTheKeytabNotTheClientKeytabAndTheErrorSaysSo() throws Exception {
        ServiceConfig both = ServiceConfig.builder("keytab-and-client-keytab").euid(ServerRealm.SERVICE_UID)
                .mech(dev.gssproxy4j.server.config.Mech.KRB5).credStore("keytab", kdc.serviceKeytab.toString())
                .credStore("client_keytab", kdc.aliceKeytab.toString()).build();
        ResAcquireCred named = run(args(Optional.empty(), Optional.of(alice()), List.of(), CredUsage.INITIATE,
                List.of()), kdc.call(both, ServerRealm.SERVICE_UID));
        assertEquals(MajorStatus.GSS_S_NO_CRED.value(), named.status().majorStatus());
        String text = named.status().minorStatusString().toText();
        assertTrue(text.contains("stands in for its client_keytab") && text.contains("acquire without a name"), text);

        ResAcquireCred unnamed = run(args(Optional.empty(), Optional.empty(), List.of(), CredUsage.INITIATE,
                List.of()), kdc.call(both, ServerRealm.SERVICE_UID));
        assertEquals(0, unnamed.status().majorStatus(), () -> unnamed.status().minorStatusString().toText());
        assertEquals(kdc.realm.principal("alice"), unnamed.outputCredHandle().orElseThrow().desiredName()
                .displayText(), "without a name the client_keytab's principal initiates");
    }

    @Test
    void theServiceInitiatesWithItsKeytabAndTheHandleCarriesTheTickets() throws Exception {
        CallContext call = kdc.call(aliceService(), ServerRealm.SERVICE_UID);
        ResAcquireCred res = run(args(Optional.empty(), Optional.of(alice()), List.of(), CredUsage.INITIATE,
                List.of()), call);
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
        assertEquals(Oids.KRB5, res.status().mech());
        GssxCred handle = res.outputCredHandle().orElseThrow();
        assertEquals(kdc.realm.principal("alice"), handle.desiredName().displayText());
        CredElement element = handle.elements().get(0);
        assertEquals(CredUsage.INITIATE, element.credUsage());
        assertTrue(element.initiatorTimeRec() > 0 && element.initiatorTimeRec() <= 86400 + 300);
        assertEquals(0, element.acceptorTimeRec());

        // The sealed handle alone (no ccache on disk) initiates, with element options applied on open.
        int[] aes128 = {17};
        GssxCred restricted = new GssxCred(handle.desiredName(), List.of(new CredElement(element.mn(),
                element.mech(), element.credUsage(), element.initiatorTimeRec(), element.acceptorTimeRec(),
                List.of(GssxOption.of(Options.KRB5_SET_ALLOWED_ENCTYPE_VALUES, Opaque.of(ByteBuffer.allocate(4)
                        .order(ByteOrder.nativeOrder()).putInt(aes128[0]).array())),
                        GssxOption.of(Options.KRB5_SET_NO_CI_FLAGS, Opaque.EMPTY)))),
                handle.credHandleReference(), false);
        try (CredentialPolicy creds = call.credentials();
             OpenedCred cred = creds.open(restricted).orElseThrow()) {
            assertTrue(cred.fromHandle());
            InitResult init = kdc.initiate(cred.cred(), ContextFlag.MUTUAL.bit() | ContextFlag.CONF.bit());
            try (SecContext ignored = init.context()) {
                ServiceConfig acceptor = kdc.acceptor("acquire-test-acceptor").build();
                ResAcceptSecContext accepted = ServerRealm.run(new AcceptSecContext(), new ArgAcceptSecContext(
                        AcceptSecContextTest.KERNEL, Optional.empty(), Optional.empty(),
                        Opaque.of(init.outputToken()), Optional.empty(), false, List.of()),
                        kdc.call(acceptor, 0));
                assertEquals(0, accepted.status().majorStatus(),
                        () -> accepted.status().minorStatusString().toText());
                assertEquals(kdc.realm.principal("alice"),
                        accepted.contextHandle().orElseThrow().srcName().displayText());
                ByteBuffer lucid = ByteBuffer.wrap(accepted.contextHandle().get().exportedContextToken()
                        .toByteArray()).order(ByteOrder.nativeOrder());
                assertEquals(17, lucid.getInt(16), "krb5_set_allowed_enctype_values restricted the session key");
            }
        }
    }

    @Test
    void aStillGoodInputHandleComesBackVerbatim() throws Exception {
        CallContext call = kdc.call(kdc.acceptor("reuse").build(), ServerRealm.SERVICE_UID);
        GssxCred first = run(args(Optional.empty(), Optional.empty(), List.of(Oids.KRB5), CredUsage.ACCEPT,
                List.of()), call).outputCredHandle().orElseThrow();
        ResAcquireCred again = run(args(Optional.of(first), Optional.empty(), List.of(Oids.KRB5),
                CredUsage.ACCEPT, List.of()), call);
        assertEquals(0, again.status().majorStatus());
        assertSame(first, again.outputCredHandle().orElseThrow());

        // the interposer's second acquire (wire/accept/03): the handle of the first plus host@localhost (with NUL)
        GssxName hostbased = new GssxName(Opaque.cString("host@localhost"), Oids.NT_HOSTBASED_SERVICE, Opaque.EMPTY,
                Opaque.EMPTY, List.of(), List.of());
        GssxCred named = AcceptSecContextTest.acquireAcceptor(call);
        ResAcquireCred echoed = run(args(Optional.of(named), Optional.of(hostbased), List.of(Oids.KRB5),
                CredUsage.ACCEPT, List.of()), call);
        assertSame(named, echoed.outputCredHandle().orElseThrow(), "the name matches the credential's");
        ResAcquireCred otherName = run(args(Optional.of(named), Optional.of(alice()), List.of(Oids.KRB5),
                CredUsage.ACCEPT, List.of()), call);
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), otherName.status().majorStatus(),
                "GSS_S_CRED_UNAVAIL for an input credential of another name, as upstream");

        // asked to initiate with an acceptor handle: upstream's gp_check_cred says "acquire again"
        ResAcquireCred initiate = run(args(Optional.of(first), Optional.empty(), List.of(), CredUsage.INITIATE,
                List.of()), kdc.call(aliceService(), ServerRealm.SERVICE_UID));
        assertFalse(initiate.status().majorStatus() == 0 && initiate.outputCredHandle().get() == first);
    }

    @Test
    void otherMechanismsAndOptionsAreRefused() throws Exception {
        CallContext call = kdc.call(kdc.acceptor("mechs").build(), ServerRealm.SERVICE_UID);
        ResAcquireCred spnego = run(args(Optional.empty(), Optional.empty(), List.of(Oids.SPNEGO),
                CredUsage.ACCEPT, List.of()), call);
        assertEquals(MajorStatus.GSS_S_BAD_MECH.value(), spnego.status().majorStatus());
        assertTrue(spnego.outputCredHandle().isEmpty());

        ResAcquireCred both = run(args(Optional.empty(), Optional.empty(), List.of(Oids.SPNEGO, Oids.KRB5),
                CredUsage.ACCEPT, List.of()), call);
        assertEquals(0, both.status().majorStatus(), "krb5 is used when listed");

        ResAcquireCred badType = run(args(Optional.empty(), Optional.empty(), List.of(), CredUsage.ACCEPT,
                List.of(GssxOption.of(Options.ACQUIRE_TYPE, "impersonate_everyone"))), call);
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), badType.status().majorStatus());
        assertEquals(22, badType.status().minorStatus());

        GssxCred input = both.outputCredHandle().orElseThrow();
        ResAcquireCred s4u = run(args(Optional.of(input), Optional.of(alice()), List.of(), CredUsage.INITIATE,
                List.of(GssxOption.of(Options.ACQUIRE_TYPE, Options.IMPERSONATE_NAME))), call);
        assertEquals(MajorStatus.GSS_S_UNAUTHORIZED.value(), s4u.status().majorStatus());
        assertTrue(s4u.status().minorStatusString().toText().contains("allow_protocol_transition"));
    }

    @Test
    void aTrustedServiceActsForAUidAndItsHandleIsBoundToThatUid() throws Exception {
        Path ccache = kdc.realm.dir().resolve("krb5cc_" + TARGET_UID);
        Files.copy(kdc.ccache("alice"), ccache);
        ServiceConfig gssd = ServiceConfig.builder("nfs-client").euid(0).trusted(true)
                .mech(dev.gssproxy4j.server.config.Mech.KRB5)
                .credStore("ccache", "FILE:" + kdc.realm.dir() + "/krb5cc_%U").credUsage(
                        dev.gssproxy4j.mech.CredUsage.INITIATE).build();
        CallContext call = kdc.call(gssd, 0);
        GssxName uid = GssxName.of(Integer.toString(TARGET_UID), Oids.NT_STRING_UID_NAME);
        ResAcquireCred res = run(args(Optional.empty(), Optional.of(uid), List.of(), CredUsage.INITIATE,
                List.of()), call);
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
        GssxCred handle = res.outputCredHandle().orElseThrow();
        assertEquals(kdc.realm.principal("alice"), handle.desiredName().displayText());

        ResAcquireCred again = run(args(Optional.of(handle), Optional.empty(), List.of(), CredUsage.INITIATE,
                List.of()), call);
        assertSame(handle, again.outputCredHandle().orElseThrow(), "opens with the uid it was bound to");

        CredElement e = handle.elements().get(0);
        GssxCred otherUid = new GssxCred(handle.desiredName(), List.of(new CredElement(e.mn(), e.mech(),
                e.credUsage(), e.initiatorTimeRec(), e.acceptorTimeRec(),
                List.of(GssxOption.of("gssproxy4j_target_uid", Integer.toString(TARGET_UID + 1))))),
                handle.credHandleReference(), false);
        ResAcquireCred notOpened = run(args(Optional.of(otherUid), Optional.empty(), List.of(), CredUsage.INITIATE,
                List.of()), call);
        ResAcquireCred without = run(args(Optional.empty(), Optional.empty(), List.of(), CredUsage.INITIATE,
                List.of()), call);
        // a handle acquired for one uid does not open as another uid's: the call goes on as without one
        assertEquals(without.status(), notOpened.status());
        assertTrue(notOpened.outputCredHandle().map(h -> h != otherUid && !h.equals(otherUid)).orElse(true),
                "the other uid's handle is not echoed back");
    }

    @Test
    void anInputHandleThatDoesNotOpenIsNoInputAndTheServicesOwnPolicyDecides() throws Exception {
        // the interposer sends the handle kept in the user's ccache to whichever socket it calls next
        CallContext call = kdc.call(aliceService(), ServerRealm.SERVICE_UID);
        GssxCred own = run(args(Optional.empty(), Optional.of(alice()), List.of(), CredUsage.INITIATE, List.of()),
                call).outputCredHandle().orElseThrow();
        ServiceConfig otherStore = ServiceConfig.builder("as-alice-elsewhere").euid(ServerRealm.SERVICE_UID)
                .mech(dev.gssproxy4j.server.config.Mech.KRB5).credStore("keytab", kdc.aliceKeytab.toString())
                .credStore("client_keytab", "/nonexistent/client.keytab").build();
        CallContext elsewhere = kdc.call(otherStore, ServerRealm.SERVICE_UID);
        byte[] garbage = own.credHandleReference().toByteArray();
        garbage[garbage.length / 2] ^= 0x55;

        for (GssxCred input : List.of(own, new GssxCred(own.desiredName(), own.elements(), Opaque.of(garbage),
                false), new GssxCred(own.desiredName(), own.elements(), Opaque.of(new byte[] {1, 2, 3}), false))) {
            ResAcquireCred res = run(args(Optional.of(input), Optional.of(alice()), List.of(), CredUsage.INITIATE,
                    List.of()), elsewhere);
            assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
            GssxCred fresh = res.outputCredHandle().orElseThrow();
            assertFalse(fresh.equals(input), "a new credential of this service, not the input echoed");
            assertEquals(kdc.realm.principal("alice"), fresh.desiredName().displayText());
        }
    }

    @Test
    void otherProceduresStillRefuseAHandleOfAnotherStore() throws Exception {
        CallContext call = kdc.call(aliceService(), ServerRealm.SERVICE_UID);
        GssxCred own = run(args(Optional.empty(), Optional.of(alice()), List.of(), CredUsage.INITIATE, List.of()),
                call).outputCredHandle().orElseThrow();
        ServiceConfig otherStore = ServiceConfig.builder("as-alice-elsewhere").euid(ServerRealm.SERVICE_UID)
                .mech(dev.gssproxy4j.server.config.Mech.KRB5).credStore("keytab", kdc.aliceKeytab.toString())
                .credStore("client_keytab", "/nonexistent/client.keytab").build();

        ResInitSecContext init = ServerRealm.run(new InitSecContext(), new ArgInitSecContext(CallCtx.EMPTY,
                Optional.empty(), Optional.of(own), Optional.of(GssxName.of("host@localhost",
                Oids.NT_HOSTBASED_SERVICE)), Oids.KRB5, 0, 0, Optional.empty(), Optional.empty(), List.of()),
                kdc.call(otherStore, ServerRealm.SERVICE_UID));
        assertEquals(MajorStatus.GSS_S_DEFECTIVE_CREDENTIAL.value(), init.status().majorStatus(),
                () -> init.status().minorStatusString().toText());
        assertTrue(init.status().minorStatusString().toText().contains("not issued to"));
    }
}
