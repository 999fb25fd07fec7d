package dev.gssproxy4j.server.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.xdr.XdrLimits;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sync_creds: a credential that gained a service ticket is sent back re-sealed, when service and client ask. */
class CcacheSyncTest {

    static final List<GssxOption> REQUEST = List.of(GssxOption.of(Options.SYNC_MODIFIED_CREDS, "default"));
    static ServerRealm kdc;

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    static ServiceConfig.Builder service() {
        return ServiceConfig.builder("sync").euid(ServerRealm.SERVICE_UID).mech(Mech.KRB5)
                .credStore("keytab", kdc.aliceKeytab.toString());
    }

    GssxCred initiatorHandle(CallContext call) throws InterruptedException {
        try (CredentialPolicy creds = call.credentials()) {
            Acquired acquired = creds.acquire(AcquireRequest.normal(Optional.of(GssxName.of(
                    kdc.realm.principal("alice"), Oids.KRB5_NT_PRINCIPAL_NAME)), CredUsage.INITIATE));
            try (var cred = acquired.cred()) {
                return creds.seal(cred);
            }
        }
    }

    Optional<GssxOption> initWithSync(CallContext call, GssxCred handle, List<GssxOption> request)
            throws InterruptedException {
        try (CredentialPolicy creds = call.credentials();
             OpenedCred cred = creds.openOrAcquire(Optional.of(handle), CredUsage.INITIATE)) {
            Optional<CcacheSync> sync = CcacheSync.begin(creds, cred, request);
            InitResult init = kdc.initiate(cred.cred(), ContextFlag.CONF.bit());
            try (SecContext ignored = init.context()) {
                return sync.isPresent() ? sync.get().finish() : Optional.empty();
            }
        }
    }

    @Test
    void aNewServiceTicketIsSyncedBackAsASealedHandle() throws Exception {
        CallContext call = kdc.call(service().allowClientCcacheSync(true).build(), ServerRealm.SERVICE_UID);
        GssxCred handle = initiatorHandle(call);
        GssxOption option = initWithSync(call, handle, REQUEST).orElseThrow();
        assertEquals(Options.SYNC_CREDS, option.name());
        GssxCred synced = GssxCred.fromXdr(option.value(), XdrLimits.DEFAULT);
        assertEquals(kdc.realm.principal("alice"), synced.desiredName().displayText());
        assertTrue(synced.credHandleReference().length() > handle.credHandleReference().length(),
                "the synced handle also holds the service ticket");
        try (CredentialPolicy creds = call.credentials();
             OpenedCred reopened = creds.open(synced).orElseThrow()) {
            assertTrue(reopened.fromHandle());
        }
        // the ticket is now in the handle: no KDC trip, nothing new to sync
        long requests = kdc.realm.kdcRequestCount();
        assertTrue(initWithSync(call, synced, REQUEST).isEmpty());
        assertEquals(requests, kdc.realm.kdcRequestCount());
    }

    @Test
    void noSyncUnlessServiceAndClientAskAndTheStoreHasNoCcache() throws Exception {
        CallContext plain = kdc.call(service().build(), ServerRealm.SERVICE_UID);
        assertTrue(initWithSync(plain, initiatorHandle(plain), REQUEST).isEmpty(), "service does not allow it");
        CallContext allowed = kdc.call(service().allowClientCcacheSync(true).build(), ServerRealm.SERVICE_UID);
        assertTrue(initWithSync(allowed, initiatorHandle(allowed), List.of()).isEmpty(), "client did not ask");
    }
}
