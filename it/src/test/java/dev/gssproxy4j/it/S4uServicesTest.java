package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.testkit.interop.ClientOutcome;
import dev.gssproxy4j.testkit.interop.Exchange;
import dev.gssproxy4j.testkit.interop.GssSamples;
import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import dev.gssproxy4j.testkit.interop.InteropPreconditions;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.testkit.interop.LocalUsers;
import dev.gssproxy4j.testkit.interop.SampleEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Upstream's S4U services (gssproxy {@code tests/t_impersonate.py}: {@code impersonate}, {@code selfonly},
 * {@code proxyonly}, all on one keytab, one socket each, {@code allow_any_uid} so that a user other than the
 * service's euid calls them) used one after another by one user through the real MIT interposer
 * ({@code gss-client} with {@code GSS_USE_PROXY=yes}) and one ccache, against MIT's KDC (Kerby has no S4U).
 *
 * <p>The interposer keeps the daemon's credential handle in that ccache and sends it, as ACQUIRE_CRED's input, to
 * whichever socket it calls next. The first handle comes from a fourth service with another credential store (the
 * user's own keytab, {@code allow_client_ccache_sync}): the {@code impersonate} service cannot open it, treats it as
 * no input credential (upstream: a handle that does not decrypt) and impersonates the user afresh by S4U2Self; the
 * interposer keeps that handle, whose impersonator is {@code host/localhost}, and sends it to the others. Each call
 * is then decided by the policy of the service it reached: towards the impersonator itself every service lets it
 * initiate; towards another target {@code selfonly} refuses with upstream's GSS_S_UNAUTHORIZED ("Operation
 * unauthorized", {@code gp_cred_allowed}) and {@code proxyonly} lets the KDC decide (MIT's db2 KDC has no
 * delegation ACLs, so S4U2Proxy itself fails there, but not by the daemon's policy). The steps share the ccache,
 * so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S4uServicesTest {

    private static final String HOST = "host@localhost";
    private static final String HTTP = "HTTP@localhost";
    private static final String MESSAGE = "s4u through gssproxy4j";
    /** MIT's display text of GSS_S_UNAUTHORIZED, upstream's status when {@code gp_cred_allowed} refuses. */
    private static final String UNAUTHORIZED = "The operation is forbidden by local security policy";

    private static Realm realm;
    private static Gssproxy4jDaemon daemon;
    private static LocalUser serviceUser;
    private static LocalUser user;
    private static Path work;
    private static Path userDir;
    private static Path serviceKeytab;
    private static Path userKeytab;

    @BeforeAll
    static void start() {
        List<String> missing = InteropPreconditions.missingForSamples();
        assumeTrue(missing.isEmpty(), () -> "interop prerequisites missing: " + String.join("; ", missing));
        assumeTrue(Realms.mitAvailable(), "MIT krb5kdc is not installed (Debian package krb5-kdc)");
        serviceUser = LocalUsers.ensure(LocalUsers.SERVICE);
        user = LocalUsers.ensure(LocalUsers.CLIENT);
        realm = Realms.mit();
        // the user the impersonate service gets tickets for: its local name in the default realm
        realm.addPrincipal(user.name(), "s4u user pass phrase");
        // random keys with +ok_to_auth_as_delegate: S4U2Self evidence tickets are forwardable
        serviceKeytab = rootOnly(realm.keytab("services.keytab", "host/localhost", "HTTP/localhost"));
        userKeytab = rootOnly(realm.keytab("user.keytab", user.name()));
        work = TempDirs.createTraversable("gssproxy4j-s4u-");
        userDir = ownedBy(work.resolve(user.name()), user); // its ccache is the one reused across services
        daemon = Gssproxy4jDaemon.start(realm.environment(), S4uServicesTest::config, "--debug-level=1");
    }

    @AfterAll
    static void stop() {
        try {
            Teardown.closeAll(daemon, realm);
        } finally {
            if (work != null) {
                TempDirs.deleteTree(work);
            }
        }
    }

    private static String config(Path socket) {
        String common = "  mechs = krb5\n  euid = " + serviceUser.uid() + "\n  allow_any_uid = yes\n";
        String store = common + "  cred_store = keytab:" + serviceKeytab + "\n  krb5_principal = "
                + realm.principal("host/localhost") + "\n";
        return """
                [service/own-keytab]
                  socket = %1$s
                %2$s  cred_store = client_keytab:%3$s
                  allow_client_ccache_sync = yes

                [service/impersonate]
                  socket = %4$s
                %5$s  impersonate = yes
                  allow_protocol_transition = yes
                  allow_constrained_delegation = yes

                [service/selfonly]
                  socket = %6$s
                %5$s  allow_protocol_transition = yes

                [service/proxyonly]
                  socket = %7$s
                %5$s  allow_constrained_delegation = yes
                """.formatted(socket("own-keytab", socket), common, userKeytab, socket("impersonate", socket), store,
                socket("selfonly", socket), socket("proxyonly", socket));
    }

    private static Path socket(String service, Path main) {
        return main.resolveSibling(service + ".sock");
    }

    @Test
    @Order(1)
    void aHandleOfAnotherStoreIsNoInputCredentialAndTheImpersonateServiceImpersonatesAfresh() {
        Exchange own = initiate("own-keytab", HOST); // gains a service ticket: the handle is synced to the ccache
        assertTrue(own.succeeded(), () -> describe(own));
        assertTrue(daemon.log().lines().noneMatch(l -> l.contains("does not open")), daemon::log);

        Exchange exchange = initiate("impersonate", HOST);

        assertTrue(exchange.succeeded(), () -> describe(exchange));
        assertEquals(realm.principal(user.name()), exchange.client().context().orElseThrow().source(),
                "the service impersonated the calling user");
        assertEquals(realm.principal(user.name()), exchange.server().acceptedClient().orElseThrow());
        Logs.awaitLine(daemon, "Credential handle does not open, treating it as GSS_C_NO_CREDENTIAL");
        assertFalse(daemon.log().contains("Refused a credential handle"), daemon::log);
    }

    @Test
    @Order(2)
    void selfonlyUsesTheImpersonatedHandleTowardsTheImpersonatorItself() {
        Exchange exchange = initiate("selfonly", HOST);

        assertTrue(exchange.succeeded(), () -> describe(exchange));
        assertEquals(realm.principal(user.name()), exchange.server().acceptedClient().orElseThrow());
    }

    @Test
    @Order(3)
    void selfonlyRefusesTheImpersonatedHandleTowardsAnotherTargetWithUpstreamsStatus() {
        ClientOutcome client = initiate("selfonly", HTTP).client();

        assertFalse(client.context().isPresent(), client::describe);
        // gss-client's display_status: MIT's text for GSS_S_UNAUTHORIZED, as upstream's refusal shows, then why
        assertTrue(client.stdout().contains("GSS-API error initializing context: " + UNAUTHORIZED), client::describe);
        assertTrue(client.stdout().contains("allow_constrained_delegation = yes"), client::describe);
    }

    @Test
    @Order(4)
    void proxyonlyLetsTheKdcDecideTheOtherTarget() {
        ClientOutcome client = initiate("proxyonly", HTTP).client();

        // allowed by proxyonly's policy: S4U2Proxy goes to the KDC, whose db2 database grants no delegation
        assertFalse(client.context().isPresent(), client::describe);
        assertTrue(client.stdout().contains("KDC can't fulfill requested option"), client::describe);
        assertFalse(client.stdout().contains(UNAUTHORIZED), client::describe);
        assertFalse(client.stdout().contains("allow_constrained_delegation"), client::describe);
    }

    @Test
    @Order(5)
    void proxyonlyUsesTheImpersonatedHandleTowardsTheImpersonatorItself() {
        Exchange exchange = initiate("proxyonly", HOST);

        assertTrue(exchange.succeeded(), () -> describe(exchange));
        assertEquals(realm.principal(user.name()), exchange.server().acceptedClient().orElseThrow());
    }

    /** {@code gss-client} as the user through {@code service}'s socket, against a plain root {@code gss-server}. */
    private static Exchange initiate(String service, String target) {
        Path run = ownedBy(work.resolve("run-" + service + "-" + target.replace('@', '-')), LocalUser.ROOT);
        SampleEnvironment server = SampleEnvironment.direct(LocalUser.ROOT, realm.krb5Conf(),
                ownedBy(run.resolve("server"), LocalUser.ROOT)).withKeytab(serviceKeytab);
        SampleEnvironment client = SampleEnvironment.throughProxy(user, socket(service, daemon.socket()),
                realm.krb5Conf(), userDir);
        return GssSamples.exchange(server, client, target, MESSAGE, 1, run.resolve("out"));
    }

    private static String describe(Exchange exchange) {
        return exchange.describe() + "\n--- gssproxy4j ---\n" + daemon.log();
    }

    /** Creates {@code dir} (mode 0700) owned by {@code owner}. */
    private static Path ownedBy(Path dir, LocalUser owner) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.setAttribute(dir, "unix:uid", owner.uid());
            Files.setAttribute(dir, "unix:gid", owner.gid());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " for " + owner.name(), e);
        }
    }

    private static Path rootOnly(Path keytab) {
        try {
            Files.setAttribute(keytab, "unix:uid", 0);
            Files.setPosixFilePermissions(keytab, PosixFilePermissions.fromString("rw-------"));
            return keytab;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + keytab + " root-only", e);
        }
    }
}
