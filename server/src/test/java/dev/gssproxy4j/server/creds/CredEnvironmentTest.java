package dev.gssproxy4j.server.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.config.UserDirectory;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.server.shared.ServerResources;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The credential environment of upstream's gp_get_cred_environment; names only, so no KDC is needed. */
class CredEnvironmentTest {

    static final int EUID = 600;
    static final int USER_UID = 1000;
    static final UserDirectory USERS = new UserDirectory() {
        @Override
        public Optional<User> byName(String name) {
            return name.equals("jane") ? byUid(USER_UID) : Optional.empty();
        }

        @Override
        public Optional<User> byUid(int uid) {
            return switch (uid) {
                case USER_UID -> Optional.of(new User("jane", USER_UID, USER_UID, "/home/jane"));
                case EUID -> Optional.of(new User("svc", EUID, EUID, "/var/lib/svc"));
                default -> Optional.empty();
            };
        }

        @Override
        public List<Integer> supplementaryGroups(String userName) {
            return List.of();
        }
    };

    static Gss gss;

    @BeforeAll
    static void library() {
        Posix.setenv("GSS_USE_PROXY", "NO");
        gss = Gss.get();
    }

    @AfterAll
    static void stop() {
    }

    static ServiceConfig.Builder service() {
        return ServiceConfig.builder("env").euid(EUID).mech(Mech.KRB5)
                .credStore("keytab", "/etc/svc/%U.keytab")
                .credStore("rcache", "FILE:/var/rc/%u_%U");
    }

    static CredentialPolicy policy(ServiceConfig service, int callerUid) {
        ServerResources resources = new ServerResources(gss, new HandleSealer(Keyring.ephemeral()), USERS,
                Clock.systemUTC());
        return ServerRealm.call(service, callerUid, resources).credentials();
    }

    @Test
    void aUserRequestTemplatesTheStoreWithTheCallersUidAndGetsAPrivateCcache() {
        try (CredentialPolicy creds = policy(service().build(), USER_UID);
             CredEnvironment env = creds.environment(Optional.empty(), CredUsage.INITIATE)) {
            assertTrue(env.userRequested());
            assertFalse(env.useServiceKeytab());
            assertEquals(USER_UID, env.targetUid());
            assertEquals("/etc/svc/1000.keytab", env.credStore().get("keytab"));
            assertEquals("FILE:/var/rc/jane_1000", env.credStore().get("rcache"));
            assertFalse(env.credStore().containsKey("client_keytab"));
            String ccache = env.credStore().get("ccache");
            assertTrue(ccache.matches("MEMORY:gssproxy4j_[0-9a-f]{32}"), ccache);
            assertEquals(ccache, env.segregated().orElseThrow().name());
        }
    }

    @Test
    void anAcceptorNeedsNoCcacheAndAConfiguredCcacheIsKept() {
        try (CredentialPolicy creds = policy(service().build(), USER_UID);
             CredEnvironment env = creds.environment(Optional.empty(), CredUsage.ACCEPT)) {
            assertFalse(env.credStore().containsKey("ccache"));
        }
        ServiceConfig withCcache = service().credStore("ccache", "FILE:/tmp/cc_%U").build();
        try (CredentialPolicy creds = policy(withCcache, USER_UID);
             CredEnvironment env = creds.environment(Optional.empty(), CredUsage.BOTH)) {
            assertEquals("FILE:/tmp/cc_1000", env.credStore().get("ccache"));
            assertTrue(env.segregated().isEmpty());
        }
    }

    @Test
    void theServiceItselfUsesItsKeytabAsClientKeytabAndItsPrincipal() {
        ServiceConfig service = service().krb5Principal("nfs/server.example@EXAMPLE.TEST").build();
        try (CredentialPolicy creds = policy(service, EUID);
             CredEnvironment env = creds.environment(Optional.of(GssxName.of("nfs@server.example",
                     Oids.NT_HOSTBASED_SERVICE)), CredUsage.INITIATE)) {
            assertTrue(env.useServiceKeytab());
            assertEquals("/etc/svc/600.keytab", env.credStore().get("client_keytab"));
            assertTrue(env.requestedName().isPresent(), "the desired name wins over krb5_principal");
        }
        try (CredentialPolicy creds = policy(service().trusted(true).krb5Principal("nfs/server.example@EXAMPLE.TEST")
                .build(), EUID); CredEnvironment env = creds.environment(Optional.empty(), CredUsage.INITIATE)) {
            assertTrue(env.useServiceKeytab());
            assertEquals("nfs/server.example@EXAMPLE.TEST",
                    env.requestedName().orElseThrow().display().text());
        }
    }

    @Test
    void aTrustedServiceNamesTheUidItActsFor() {
        ServiceConfig trusted = service().trusted(true).build();
        GssxName uid = GssxName.of("1000", Oids.NT_STRING_UID_NAME);
        try (CredentialPolicy creds = policy(trusted, EUID);
             CredEnvironment env = creds.environment(Optional.of(uid), CredUsage.INITIATE)) {
            assertTrue(env.uidNameRequest() && env.userRequested());
            assertEquals(USER_UID, env.targetUid());
            assertTrue(env.requestedName().isEmpty());
            assertEquals("/etc/svc/1000.keytab", env.credStore().get("keytab"));
            assertEquals(new Binding(StoreScope.of(trusted), EUID, Binding.NO_TARGET), creds.binding());
        }
        try (CredentialPolicy creds = policy(service().build(), EUID);
             CredEnvironment env = creds.environment(Optional.of(uid), CredUsage.INITIATE)) {
            assertFalse(env.uidNameRequest(), "only trusted services may name a uid");
        }
        GssException notANumber = assertThrows(GssException.class,
                () -> policy(trusted, EUID).environment(Optional.of(GssxName.of("root", Oids.NT_STRING_UID_NAME)),
                        CredUsage.INITIATE));
        assertEquals(MajorStatus.GSS_S_BAD_NAME, notANumber.majorStatus());
    }

    @Test
    void anImpersonatingServiceAsksForTheUsersName() {
        try (CredentialPolicy creds = policy(service().impersonate(true).build(), USER_UID);
             CredEnvironment env = creds.environment(Optional.empty(), CredUsage.INITIATE)) {
            assertTrue(env.useServiceKeytab());
            assertEquals("jane", env.requestedName().orElseThrow().display().text());
            assertEquals("/etc/svc/1000.keytab", env.credStore().get("client_keytab"));
        }
        GssException unknown = assertThrows(GssException.class, () -> policy(service().impersonate(true).build(),
                USER_UID + 1).environment(Optional.empty(), CredUsage.INITIATE));
        assertEquals(2, unknown.minor(), "ENOENT");
    }

    @Test
    void usageIsNarrowedToTheServicesAndConflictsAreRefused() {
        ServiceConfig acceptOnly = service().credUsage(dev.gssproxy4j.mech.CredUsage.ACCEPT).build();
        try (CredentialPolicy creds = policy(acceptOnly, USER_UID);
             CredEnvironment env = creds.environment(Optional.empty(), CredUsage.BOTH)) {
            assertEquals(CredUsage.ACCEPT, env.usage());
        }
        GssException refused = assertThrows(GssException.class,
                () -> policy(acceptOnly, USER_UID).environment(Optional.empty(), CredUsage.INITIATE));
        assertEquals(MajorStatus.GSS_S_FAILURE, refused.majorStatus());
        assertEquals(13, refused.minor());
        assertTrue(refused.status().minorMessage().contains("cred_usage = accept"));
    }

    @Test
    void withoutCredStoreTheLibraryDefaultsApply() {
        ServiceConfig bare = ServiceConfig.builder("bare").euid(EUID).mech(Mech.KRB5).build();
        try (CredentialPolicy creds = policy(bare, USER_UID);
             CredEnvironment env = creds.environment(Optional.empty(), CredUsage.INITIATE)) {
            assertEquals(Map.of(), env.credStore());
        }
        ServiceConfig unknownUser = ServiceConfig.builder("u").euid(EUID).mech(Mech.KRB5)
                .credStore("ccache", "FILE:/tmp/%u").build();
        GssException noName = assertThrows(GssException.class,
                () -> policy(unknownUser, 4711).environment(Optional.empty(), CredUsage.INITIATE));
        assertEquals(2, noName.minor(), "%u of a uid without a user name");
    }
}
