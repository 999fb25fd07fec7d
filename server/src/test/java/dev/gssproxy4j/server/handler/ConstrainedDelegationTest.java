package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream's {@code gp_cred_allowed} on INIT_SEC_CONTEXT with an S4U2Self ("evidence") credential, against MIT's
 * KDC (Kerby has no S4U): allowed towards the impersonator itself, refused towards another target unless the
 * service has {@code allow_constrained_delegation}.
 */
class ConstrainedDelegationTest {

    private static final String SERVICE = "host/localhost";
    private static final int SERVICE_UID = 4444;

    private static Realm realm;
    private static ServerResources resources;
    private static Path keytab;

    @BeforeAll
    static void realm() {
        assumeTrue(Realms.mitAvailable(), "MIT krb5kdc is not installed (Debian package krb5-kdc)");
        Posix.setenv("GSS_USE_PROXY", "NO");
        realm = Realms.mit();
        realm.environment().forEach(Posix::setenv);
        realm.addPrincipal("alice", "alice-password-1");
        realm.addRandomKeyPrincipal("HTTP/localhost");
        keytab = realm.keytab("service.keytab", SERVICE);
        resources = new ServerResources(Gss.get(), new HandleSealer(Keyring.ephemeral()),
                ServerRealm.NO_USERS, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void anImpersonatedCredentialMayInitiateToTheImpersonatorItself() throws InterruptedException {
        CallContext call = call(service(false));
        ResInitSecContext res = new InitSecContext().handle(init(evidence(call), "host@localhost"), call);
        assertFalse(MajorStatus.isError(res.status().majorStatus()), res.status().minorStatusString().toText());
        assertTrue(res.outputToken().isPresent());
    }

    @Test
    void anotherTargetNeedsAllowConstrainedDelegation() throws InterruptedException {
        CallContext call = call(service(false));
        ArgInitSecContext toOther = init(evidence(call), "HTTP@localhost");
        GssException refused = assertThrows(GssException.class, () -> new InitSecContext().handle(toOther, call));
        assertEquals(MajorStatus.GSS_S_UNAUTHORIZED, refused.majorStatus());
        assertTrue(refused.status().minorMessage().contains("allow_constrained_delegation = yes"),
                refused.status().minorMessage());

        CallContext allowed = call(service(true));
        ArgInitSecContext again = init(evidence(allowed), "HTTP@localhost");
        try {
            new InitSecContext().handle(again, allowed);
        } catch (GssException kdc) {
            // MIT's db2 KDC has no delegation ACLs, so S4U2Proxy itself may fail: but not by our policy
            assertFalse(kdc.status().minorMessage().contains("allow_constrained_delegation"), kdc.getMessage());
        }
    }

    /** S4U2Self for alice with the service's own credential, as ACQUIRE_CRED with impersonate_name does it. */
    private static GssxCred evidence(CallContext call) throws InterruptedException {
        ResAcquireCred own = acquire(call, Optional.empty(), realm.principal(SERVICE), List.of());
        ResAcquireCred alice = acquire(call, own.outputCredHandle(), realm.principal("alice"),
                List.of(GssxOption.of(Options.ACQUIRE_TYPE, Options.IMPERSONATE_NAME)));
        return alice.outputCredHandle().orElseThrow(() -> new AssertionError(
                "S4U2Self failed: " + alice.status().minorStatusString().toText()));
    }

    private static ResAcquireCred acquire(CallContext call, Optional<GssxCred> input, String name,
                                          List<GssxOption> options) throws InterruptedException {
        return new AcquireCred().handle(new ArgAcquireCred(CallCtx.EMPTY, input, false,
                Optional.of(GssxName.of(name, Oids.KRB5_NT_PRINCIPAL_NAME)), 0, List.of(Oids.KRB5),
                CredUsage.INITIATE, 0, 0, options), call);
    }

    private static ArgInitSecContext init(GssxCred cred, String target) {
        return new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(), Optional.of(cred),
                Optional.of(GssxName.of(target, Oids.NT_HOSTBASED_SERVICE)), Oids.KRB5,
                ContextFlag.MUTUAL.bit(), 0, Optional.empty(), Optional.empty(), List.of());
    }

    private static ServiceConfig service(boolean allowConstrainedDelegation) {
        return ServiceConfig.builder("s4u").euid(SERVICE_UID).mech(Mech.KRB5).credStore("keytab", keytab.toString())
                .krb5Principal(realm.principal(SERVICE)).allowProtocolTransition(true)
                .allowConstrainedDelegation(allowConstrainedDelegation).build();
    }

    private static CallContext call(ServiceConfig service) {
        CallContext base = ServerRealm.call(service, resources);
        return new CallContext(new dev.gssproxy4j.server.config.Caller(SERVICE_UID, SERVICE_UID, 1,
                Optional.empty(), Optional.empty(), base.caller().socket()), service, base.config(), 9, resources);
    }
}
