package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigExplainerTest {

    @TempDir
    Path tmp;

    private GssProxyConfig load() throws ConfigException {
        return new ConfigFixture(tmp).loadMain(
                "[gssproxy]", "worker threads = 3", "unknown_key = 1",
                "[service/nfs-server]", "mechs = krb5", "socket = /run/gssproxy.sock", "euid = 0",
                "cred_store = keytab:/etc/krb5.keytab", "kernel_nfsd = yes", "trusted = yes",
                "[service/HTTP]", "mechs = krb5", "euid = apache", "program = /usr/sbin/httpd",
                "cred_store = ccache:/var/lib/gssproxy/clients/krb5cc_%U", "cred_store = password:s3cr3t-value",
                "allow_client_env = KRB5CCNAME KRB5_KTNAME");
    }

    @Test
    void listsFilesGlobalsServicesAndWarnings() throws ConfigException {
        String text = ConfigExplainer.explain(load(), Optional.empty());
        assertTrue(text.startsWith("Files read:\n  " + tmp.resolve("gssproxy/gssproxy.conf")), text);
        assertTrue(text.contains("  worker threads = 3\n"), text);
        assertTrue(text.contains("  keyring = /var/lib/gssproxy/gssproxy4j.keyring\n"), text);
        assertTrue(text.contains("  1. [service/nfs-server]  "), text);
        assertTrue(text.contains("  2. [service/HTTP]  "), text);
        assertTrue(text.contains("     euid = 48\n"), text);
        assertTrue(text.contains("     socket = /var/lib/gssproxy/default.sock (main socket)\n"), text);
        assertTrue(text.contains("     cred_store = ccache:/var/lib/gssproxy/clients/krb5cc_%U\n"), text);
        assertTrue(text.contains("     filter_flags = DELEGATE\n"), text);
        assertTrue(text.contains("     kernel_nfsd = yes\n"), text);
        assertTrue(text.contains("     allow_client_env = (none: callers' environment is not used)\n"), text);
        assertTrue(text.contains("     allow_client_env = KRB5CCNAME (initiate from the caller's own ccache file),"
                + " KRB5_KTNAME (accept with the caller's own keytab file)\n"), text);
        assertTrue(text.contains("Warnings: 1\n"), text);
        assertTrue(text.contains("unknown_key: unknown option; ignored"), text);
        assertTrue(text.contains("     cred_store = password:(secret, 12 characters)\n"), text);
        assertFalse(text.contains("s3cr3t"), "secrets never appear");
        assertFalse(text.contains("Caller"), text);
    }

    @Test
    void explainsTheMatchForAGivenCaller() throws ConfigException {
        GssProxyConfig c = load();
        String hit = ConfigExplainer.explain(c, Optional.of(
                Caller.of(48, 48, 0, Path.of("/usr/sbin/httpd"), null, Defaults.MAIN_SOCKET)));
        assertTrue(hit.contains("Caller uid 48 (program /usr/sbin/httpd) gid 48 on socket "
                + "/var/lib/gssproxy/default.sock:\n  -> service 'HTTP'\n"
                + "  service 'nfs-server' wants euid 0 and wants socket /run/gssproxy.sock\n"
                + "  service 'HTTP' matches\n"), hit);

        String miss = ConfigExplainer.explain(c, Optional.of(
                Caller.of(1000, 1000, 0, Path.of("/usr/bin/foo"), null, Defaults.MAIN_SOCKET)));
        assertTrue(miss.contains("-> no service matches: gssproxy4j answers its calls with GSS_S_UNAUTHORIZED"),
                miss);
        assertTrue(miss.contains("service 'HTTP' wants euid 48 and wants program /usr/sbin/httpd\n"), miss);
    }

    @Test
    void explainsARejectedConfiguration() {
        ConfigFixture f = new ConfigFixture(tmp);
        ConfigException e = f.failMain("[gssproxy]", "worker_threads = 2", "[service/a]", "mechs = krb5");
        String text = ConfigExplainer.explainFailure(e);
        assertTrue(text.startsWith("Configuration rejected, errors: 1\n  " + f.main + ":3 [service/a]: option "
                + "'euid' is missing"), text);
        assertTrue(text.contains("Warnings: 1\n  " + f.main + ":2 [gssproxy] worker_threads: unknown option"), text);
    }
}
