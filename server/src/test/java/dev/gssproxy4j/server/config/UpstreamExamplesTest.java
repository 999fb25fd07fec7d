package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.CredUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes of upstream's shipped configs (examples/*.conf.in, Fedora's 99-nfs-client.conf). */
class UpstreamExamplesTest {

    @TempDir
    Path tmp;

    private ConfigFixture writeExamples() {
        ConfigFixture f = new ConfigFixture(tmp);
        f.write("gssproxy.conf", "[gssproxy]");
        f.write("24-nfs-server.conf",
                "[service/nfs-server]",
                "  mechs = krb5",
                "  socket = /run/gssproxy.sock",
                "  cred_store = keytab:/etc/krb5.keytab",
                "  trusted = yes",
                "  kernel_nfsd = yes",
                "  euid = 0");
        f.write("80-httpd.conf",
                "[service/HTTP]",
                "  mechs = krb5",
                "  cred_store = keytab:/etc/gssproxy/http.keytab",
                "  cred_store = ccache:/var/lib/gssproxy/clients/krb5cc_%U",
                "  euid = apache");
        f.write("99-network-fs-clients.conf",
                "[service/network-fs-clients]",
                "  mechs = krb5",
                "  cred_store = keytab:/etc/krb5.keytab",
                "  cred_store = ccache:FILE:/var/lib/gssproxy/clients/krb5cc_%U",
                "  cred_store = client_keytab:/var/lib/gssproxy/clients/%U.keytab",
                "  cred_usage = initiate",
                "  allow_any_uid = yes",
                "  trusted = yes",
                "  euid = 0",
                "  min_lifetime = 60");
        return f;
    }

    @Test
    void readsTheShippedExamplesInFileOrder() throws ConfigException {
        ConfigFixture f = writeExamples();
        GssProxyConfig c = f.load();

        assertEquals(List.of("nfs-server", "HTTP", "network-fs-clients"),
                c.services().stream().map(ServiceConfig::name).toList());
        assertEquals(List.of(f.main, f.confDir.resolve("24-nfs-server.conf"), f.confDir.resolve("80-httpd.conf"),
                f.confDir.resolve("99-network-fs-clients.conf")), c.sources());
        assertTrue(c.warnings().isEmpty(), () -> c.warnings().toString());

        ServiceConfig nfs = c.service("nfs-server").orElseThrow();
        assertEquals(OptionalInt.of(0), nfs.euid());
        assertEquals(Set.of(Mech.KRB5), nfs.mechs());
        assertEquals(Optional.of(Path.of("/run/gssproxy.sock")), nfs.socket());
        assertEquals(List.of(new CredStoreEntry("keytab", "/etc/krb5.keytab")), nfs.credStore());
        assertTrue(nfs.trusted());
        assertTrue(nfs.kernelNfsd());
        assertFalse(nfs.allowAnyUid());
        assertEquals(CredUsage.BOTH, nfs.credUsage());
        assertEquals(GssFlags.of(GssFlag.DELEGATE), nfs.filterFlags(), "default filter_flags = +DELEGATE");
        assertEquals(GssFlags.NONE, nfs.enforceFlags());
        assertEquals(15, nfs.minLifetime());
        assertEquals(Optional.empty(), nfs.program());
        assertEquals(f.confDir.resolve("24-nfs-server.conf") + ":1", nfs.origin().toString());

        ServiceConfig http = c.service("HTTP").orElseThrow();
        assertEquals(OptionalInt.of(48), http.euid(), "euid = apache resolved through the user directory");
        assertEquals(Optional.of("/var/lib/gssproxy/clients/krb5cc_%U"), http.credStoreValue("ccache"));
        assertEquals(Defaults.MAIN_SOCKET, http.effectiveSocket(c.mainSocket()));

        ServiceConfig clients = c.service("network-fs-clients").orElseThrow();
        assertEquals(3, clients.credStore().size());
        assertEquals(new CredStoreEntry("ccache", "FILE:/var/lib/gssproxy/clients/krb5cc_%U"),
                clients.credStore().get(1), "key is the text before the FIRST colon");
        assertEquals(CredUsage.INITIATE, clients.credUsage());
        assertTrue(clients.allowAnyUid());
        assertEquals(60, clients.minLifetime());

        assertEquals(List.of(Defaults.MAIN_SOCKET, Path.of("/run/gssproxy.sock")), c.sockets());
    }

    @Test
    void nfsClientServiceTemplatesPerUser() throws ConfigException, CredStoreTemplate.UnknownUserException {
        ConfigFixture f = new ConfigFixture(tmp);
        GssProxyConfig c = f.loadMain(
                "[service/nfs-client]",
                "  mechs = krb5",
                "  cred_store = keytab:/etc/krb5.keytab",
                "  cred_store = ccache:FILE:/var/lib/gssproxy/clients/krb5cc_%U",
                "  cred_store = client_keytab:/var/lib/gssproxy/clients/%u.keytab",
                "  cred_usage = initiate",
                "  allow_any_uid = yes",
                "  trusted = yes",
                "  euid = 0");
        List<CredStoreEntry> forAlice = CredStoreTemplate.expandAll(
                c.services().getFirst().credStore(), 1000, FakeUsers.INSTANCE);
        assertEquals(List.of(new CredStoreEntry("keytab", "/etc/krb5.keytab"),
                new CredStoreEntry("ccache", "FILE:/var/lib/gssproxy/clients/krb5cc_1000"),
                new CredStoreEntry("client_keytab", "/var/lib/gssproxy/clients/alice.keytab")), forAlice);
    }

    @Test
    void globalOptionsAndDefaults() throws ConfigException {
        ConfigFixture f = new ConfigFixture(tmp);
        GssProxyConfig defaults = f.loadMain("[gssproxy]", "[service/a]", "euid = 1", "mechs = krb5");
        assertEquals(0, defaults.debugLevel());
        assertFalse(defaults.syslogStatus());
        assertEquals(Optional.empty(), defaults.runAsUser());
        assertEquals(5, defaults.workerThreads());
        assertEquals(Defaults.KEYRING, defaults.keyring());
        assertEquals(Defaults.MAIN_SOCKET, defaults.mainSocket());

        GssProxyConfig set = f.loadMain("[GSSProxy]", "debug = true", "syslog_status = on", "run_as_user = apache",
                "worker threads = 12", "keyring = /srv/keys", "[service/a]", "euid = 1", "mechs = krb5");
        assertEquals(1, set.debugLevel(), "debug = true means level 1");
        assertTrue(set.syslogStatus());
        assertEquals(Optional.of("apache"), set.runAsUser());
        assertEquals(12, set.workerThreads());
        assertEquals(Path.of("/srv/keys"), set.keyring());

        GssProxyConfig level = f.loadMain("[gssproxy]", "debug = yes", "debug_level = 3",
                "[service/a]", "euid = 1", "mechs = krb5");
        assertEquals(3, level.debugLevel(), "debug_level wins over debug");
    }
}
