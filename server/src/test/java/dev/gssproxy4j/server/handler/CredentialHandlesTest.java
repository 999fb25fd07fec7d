package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.xdr.Opaque;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credential handles presented to ACCEPT_SEC_CONTEXT and ACQUIRE_CRED: another caller's or service's handle (or an
 * altered one) is refused; one this daemon cannot read (another keyring, upstream gssproxy's format, expired) is
 * GSS_C_NO_CREDENTIAL and the credential is acquired again; and the service's cred_usage narrows every request.
 */
class CredentialHandlesTest {

    static final int ONE_LEG = ContextFlag.CONF.bit() | ContextFlag.INTEG.bit();

    static ServerRealm kdc;
    static ServiceConfig service;
    static GssxCred handle;

    @BeforeAll
    static void realm() throws InterruptedException {
        kdc = new ServerRealm();
        service = kdc.acceptor("handles").build();
        handle = AcceptSecContextTest.acquireAcceptor(kdc.call(service, ServerRealm.SERVICE_UID));
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    ResAcceptSecContext acceptWith(GssxCred cred, CallContext call) throws InterruptedException {
        try (GssCred alice = kdc.initiatorCred("alice")) {
            InitResult init = kdc.initiate(alice, ONE_LEG);
            try (SecContext ignored = init.context()) {
                return ServerRealm.run(new AcceptSecContext(), new ArgAcceptSecContext(CallCtx.EMPTY,
                        Optional.empty(), Optional.ofNullable(cred), Opaque.of(init.outputToken()), Optional.empty(),
                        false, List.of()), call);
            }
        }
    }

    static void assertRefused(ResAcceptSecContext res) {
        assertEquals(MajorStatus.GSS_S_DEFECTIVE_CREDENTIAL.value(), res.status().majorStatus());
        assertEquals(13, res.status().minorStatus(), "EACCES");
        assertTrue(res.status().minorStatusString().toText().contains("not issued to"),
                res.status().minorStatusString().toText());
        assertTrue(res.contextHandle().isEmpty() && res.outputToken().isEmpty() && res.options().isEmpty());
    }

    static GssxCred withReference(GssxCred cred, byte[] reference) {
        return new GssxCred(cred.desiredName(), cred.elements(), Opaque.of(reference), false);
    }

    @Test
    void theOwnerCanUseItsHandle() throws Exception {
        ResAcceptSecContext res = acceptWith(handle, kdc.call(service, ServerRealm.SERVICE_UID));
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
    }

    @Test
    void aHandleOfAnotherUidIsRefused() throws Exception {
        assertRefused(acceptWith(handle, kdc.call(service, ServerRealm.OTHER_UID)));
    }

    @Test
    void aHandleOpensInEveryServiceWithTheSameStoreAndInNoOther() throws Exception {
        // a renamed section, or a sibling on the same keytab (the interposer sends the handle to either)
        ServiceConfig sibling = kdc.acceptor("handles-sibling").build();
        ResAcceptSecContext res = acceptWith(handle, kdc.call(sibling, ServerRealm.SERVICE_UID));
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
        ServiceConfig otherStore = kdc.acceptor("handles-other").credStore("client_keytab", "/nonexistent").build();
        assertRefused(acceptWith(handle, kdc.call(otherStore, ServerRealm.SERVICE_UID)));
    }

    @Test
    void anAlteredHandleIsRefused() throws Exception {
        byte[] reference = handle.credHandleReference().toByteArray();
        reference[reference.length - 1] ^= 1;
        assertRefused(acceptWith(withReference(handle, reference), kdc.call(service, ServerRealm.SERVICE_UID)));
    }

    @Test
    void anotherDaemonsHandleIsAcquiredAgain() throws Exception {
        HandleSealer otherKeyring = new HandleSealer(Keyring.ephemeral());
        GssxCred foreign = AcceptSecContextTest.acquireAcceptor(ServerRealm.call(service, ServerRealm.SERVICE_UID,
                kdc.resources(otherKeyring, Clock.systemUTC())));
        ResAcceptSecContext res = acceptWith(foreign, kdc.call(service, ServerRealm.SERVICE_UID));
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
    }

    @Test
    void anUpstreamStyleHandleIsAcquiredAgain() throws Exception {
        byte[] upstream = new byte[211];
        new SecureRandom().nextBytes(upstream);
        ResAcceptSecContext res = acceptWith(withReference(handle, upstream),
                kdc.call(service, ServerRealm.SERVICE_UID));
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
    }

    @Test
    void anExpiredHandleIsAcquiredAgain() throws Exception {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(3651));
        ResAcceptSecContext res = acceptWith(handle, ServerRealm.call(service, ServerRealm.SERVICE_UID,
                kdc.resources(kdc.sealer, later)));
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
    }

    @Test
    void anInitiateOnlyServiceCannotAccept() throws Exception {
        ServiceConfig initiateOnly = kdc.acceptor("initiate-only")
                .credUsage(dev.gssproxy4j.mech.CredUsage.INITIATE).build();
        ResAcceptSecContext res = acceptWith(null, kdc.call(initiateOnly, ServerRealm.SERVICE_UID));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus(), "GSS_S_CRED_UNAVAIL");
        assertEquals(13, res.status().minorStatus());
        assertTrue(res.status().minorStatusString().toText().contains("cred_usage = initiate"));

        ResAcquireCred acquired = ServerRealm.run(new AcquireCred(), acquire(CredUsage.ACCEPT),
                kdc.call(initiateOnly, ServerRealm.SERVICE_UID));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), acquired.status().majorStatus());
        assertEquals(13, acquired.status().minorStatus());
        assertEquals(Oids.KRB5, acquired.status().mech());
        assertTrue(acquired.outputCredHandle().isEmpty());
    }

    @Test
    void bothIsNarrowedToTheServicesUsage() throws Exception {
        ServiceConfig acceptOnly = kdc.acceptor("accept-only")
                .credUsage(dev.gssproxy4j.mech.CredUsage.ACCEPT).build();
        ResAcquireCred res = ServerRealm.run(new AcquireCred(), acquire(CredUsage.BOTH),
                kdc.call(acceptOnly, ServerRealm.SERVICE_UID));
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
        assertEquals(CredUsage.ACCEPT, res.outputCredHandle().orElseThrow().elements().get(0).credUsage());
    }

    static ArgAcquireCred acquire(CredUsage usage) {
        return new ArgAcquireCred(CallCtx.EMPTY, Optional.empty(), false, Optional.empty(), 0, List.of(), usage,
                0, 0, List.of());
    }
}
