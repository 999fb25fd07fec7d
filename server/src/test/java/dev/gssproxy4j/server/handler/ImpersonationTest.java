package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.config.UserDirectory;
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

/** S4U2Self as upstream does it, against MIT's KDC (Kerby has no S4U). */
class ImpersonationTest {

    static final String SERVICE = "host/localhost";
    static final int SERVICE_UID = 4343;

    static Realm realm;
    static Path keytab;
    static ServerResources resources;

    @BeforeAll
    static void realm() {
        assumeTrue(Realms.mitAvailable(), "MIT krb5kdc is not installed");
        Posix.setenv("GSS_USE_PROXY", "NO");
        realm = Realms.mit();
        realm.environment().forEach(Posix::setenv);
        realm.addPrincipal("alice", "alice-password-1");
        realm.addPrincipal("root", "root-password-1");
        keytab = realm.keytab("service.keytab", SERVICE);
        resources = new ServerResources(Gss.get(), new HandleSealer(Keyring.ephemeral()),
                UserDirectory.system(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (realm != null) {
            realm.close();
        }
    }

    static ServiceConfig.Builder service(String name) {
        return ServiceConfig.builder(name).euid(SERVICE_UID).mech(Mech.KRB5).credStore("keytab", keytab.toString())
                .krb5Principal(realm.principal(SERVICE));
    }

    static ResAcquireCred acquire(ServiceConfig service, int callerUid, Optional<GssxCred> input,
                                  Optional<GssxName> name, List<GssxOption> options) throws InterruptedException {
        return ServerRealm.run(new AcquireCred(), new ArgAcquireCred(CallCtx.EMPTY, input, false, name, 0,
                List.of(Oids.KRB5), CredUsage.INITIATE, 0, 0, options), ServerRealm.call(service, callerUid,
                resources));
    }

    @Test
    void anImpersonatingServiceGetsTheCallingUsersCredentialWithItsKeytab() throws Exception {
        ResAcquireCred res = acquire(service("impersonate").impersonate(true).build(), 0, Optional.empty(),
                Optional.empty(), List.of());
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
        GssxCred cred = res.outputCredHandle().orElseThrow();
        assertEquals(realm.principal("root"), cred.desiredName().displayText(), "uid 0 is user root");
        assertEquals(CredUsage.INITIATE, cred.elements().get(0).credUsage());
    }

    @Test
    void impersonateNameUsesTheInputCredentialAsImpersonator() throws Exception {
        ServiceConfig service = service("s4u").allowProtocolTransition(true).build();
        // the service's own credential: its euid naming itself uses the keytab as client keytab
        ResAcquireCred own = acquire(service, SERVICE_UID, Optional.empty(),
                Optional.of(GssxName.of(realm.principal(SERVICE), Oids.KRB5_NT_PRINCIPAL_NAME)), List.of());
        assertEquals(0, own.status().majorStatus(), () -> own.status().minorStatusString().toText());
        assertEquals(realm.principal(SERVICE), own.outputCredHandle().orElseThrow().desiredName().displayText());

        ResAcquireCred res = acquire(service, SERVICE_UID, own.outputCredHandle(),
                Optional.of(GssxName.of(realm.principal("alice"), Oids.KRB5_NT_PRINCIPAL_NAME)),
                List.of(GssxOption.of(Options.ACQUIRE_TYPE, Options.IMPERSONATE_NAME)));
        assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
        assertEquals(realm.principal("alice"), res.outputCredHandle().orElseThrow().desiredName().displayText());
    }
}
