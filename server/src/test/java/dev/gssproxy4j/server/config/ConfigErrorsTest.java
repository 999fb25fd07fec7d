package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.ClientEnvVar;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a configuration is rejected, and the warnings for what upstream silently ignores. */
class ConfigErrorsTest {

    @TempDir
    Path tmp;

    private ConfigFixture f() {
        return new ConfigFixture(tmp);
    }

    private static void assertOneError(ConfigException e, String expectedPrefix, String hintPart) {
        assertEquals(1, e.errors().size(), e::getMessage);
        String text = e.errors().getFirst().toString();
        assertTrue(text.startsWith(expectedPrefix), () -> "expected prefix " + expectedPrefix + " in " + text);
        assertTrue(e.errors().getFirst().hint().contains(hintPart), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "YES", "On"})
    void acceptsTrueSpellings(String text) throws ConfigException {
        assertTrue(f().loadMain("[service/a]", "mechs = krb5", "euid = 1", "trusted = " + text)
                .services().getFirst().trusted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "No", "OFF"})
    void acceptsFalseSpellings(String text) throws ConfigException {
        assertEquals(false, f().loadMain("[service/a]", "mechs = krb5", "euid = 1", "allow_any_uid = " + text)
                .services().getFirst().allowAnyUid());
    }

    @Test
    void badBooleanNamesFileLineSectionAndKey() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/a]", "mechs = krb5", "euid = 1", "trusted = ture");
        assertOneError(e, f.main + ":4 [service/a] trusted: 'ture' is not a boolean", "yes/no");
    }

    @Test
    void missingEuidAndMechsAreBothReported() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[gssproxy]", "[service/a]", "trusted = yes");
        assertEquals(List.of(f.main + ":2 [service/a]: option 'euid' is missing (fix: add 'euid = UID' (number or "
                        + "user name of the service's processes))",
                f.main + ":2 [service/a]: option 'mechs' is missing (fix: add 'mechs = krb5')"),
                ConfigFixture.messages(e.errors()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"krb5,other", "krb5,", "KRB5", "gssntlmssp", "krb5 krb5"})
    void mechsMustBeExactlyKrb5(String mechs) {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/a]", "euid = 1", "mechs=" + mechs);
        assertOneError(e, f.main + ":3 [service/a] mechs: '" + mechs + "' is not supported", "mechs = krb5");
    }

    @Test
    void removedOptionsSayWhatToUseInstead() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/a]", "mechs = krb5", "euid = 1",
                "krb5_keytab = /etc/k.keytab", "krb5_ccache = FILE:/tmp/cc", "krb5_client_keytab = /c.keytab");
        assertEquals(List.of(
                f.main + ":4 [service/a] krb5_keytab: 'krb5_keytab' was removed upstream (fix: write "
                        + "'cred_store = keytab:/etc/k.keytab' instead)",
                f.main + ":5 [service/a] krb5_ccache: 'krb5_ccache' was removed upstream (fix: write "
                        + "'cred_store = ccache:FILE:/tmp/cc' instead)",
                f.main + ":6 [service/a] krb5_client_keytab: 'krb5_client_keytab' was removed upstream (fix: write "
                        + "'cred_store = client_keytab:/c.keytab' instead)"),
                ConfigFixture.messages(e.errors()));
    }

    @Test
    void unknownUserForEuid() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/a]", "mechs = krb5", "euid = nobody-here");
        assertOneError(e, f.main + ":3 [service/a] euid: no user named 'nobody-here'", "numeric uid");
    }

    @Test
    void euidWithTrailingTextUsesTheNumberLikeUpstream() throws ConfigException {
        GssProxyConfig c = f().loadMain("[service/a]", "mechs = krb5", "euid = 48 # apache");
        assertEquals(OptionalInt.of(48), c.services().getFirst().euid());
        assertTrue(c.warnings().getFirst().toString().contains("text after the uid is ignored"));
    }

    @Test
    void badCredStoreSyntaxAndBadTemplate() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/a]", "mechs = krb5", "euid = 1",
                "cred_store = /etc/krb5.keytab", "cred_store = :x", "cred_store = ccache:/tmp/cc_%x");
        List<String> m = ConfigFixture.messages(e.errors());
        assertEquals(3, m.size(), m::toString);
        assertTrue(m.get(0).startsWith(f.main + ":4 [service/a] cred_store: no ':' between key and value"), m.get(0));
        assertTrue(m.get(1).startsWith(f.main + ":5 [service/a] cred_store: empty key"), m.get(1));
        assertTrue(m.get(2).contains("cred_store 'ccache:/tmp/cc_%x': unknown substitution '%x' at position 9"),
                m.get(2));
    }

    @Test
    void badCredUsageAndBadInteger() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[gssproxy]", "worker threads = many",
                "[service/a]", "mechs = krb5", "euid = 1", "cred_usage = sometimes");
        List<String> m = ConfigFixture.messages(e.errors());
        assertEquals(2, m.size(), m::toString);
        assertTrue(m.stream().anyMatch(s -> s.startsWith(f.main + ":6 [service/a] cred_usage: 'sometimes'")));
        assertTrue(m.stream().anyMatch(s -> s.startsWith(f.main + ":2 [gssproxy] worker threads: 'many' is not "
                + "a whole number")));
    }

    @Test
    void programMustBeAbsoluteAndWithoutPipe() {
        ConfigFixture f = f();
        ConfigException relative = f.failMain("[service/a]", "mechs = krb5", "euid = 1", "program = bin/httpd");
        assertOneError(relative, f.main + ":4 [service/a] program: program path 'bin/httpd' is not absolute",
                "full path");
        ConfigException pipe = f.failMain("[service/a]", "mechs = krb5", "euid = 1", "program = /usr/bin/a|b");
        assertOneError(pipe, f.main + ":4 [service/a] program: program path '/usr/bin/a|b' contains '|'", "");
    }

    @Test
    void socketAndKeyringMustBeAbsolute() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[gssproxy]", "keyring = keys", "[service/a]", "mechs = krb5", "euid = 1",
                "socket = run/x.sock");
        assertEquals(2, e.errors().size(), e::getMessage);
        assertTrue(ConfigFixture.messages(e.errors()).contains(f.main + ":6 [service/a] socket: 'run/x.sock' is not "
                + "an absolute path (fix: write a path starting with /)"), e::getMessage);
    }

    @Test
    void aRelativeMainSocketIsRefusedNamingTheOptionAndTheFullPath() {
        ConfigFixture f = f();
        f.write("gssproxy.conf", "[service/a]", "mechs = krb5", "euid = 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfigLoader(FakeUsers.INSTANCE).load(f.main, null, Path.of("rel/gp.sock")));
        assertEquals("-s rel/gp.sock: the socket must be an absolute path; give its full path, e.g. -s "
                + Path.of("rel/gp.sock").toAbsolutePath(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConfigLoader(FakeUsers.INSTANCE).load(f.main, null,
                Path.of("")), "an empty -s");
    }

    @Test
    void ambiguousServicesWithTheSameEuid() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/one]", "mechs = krb5", "euid = 0",
                "[service/two]", "mechs = krb5", "euid = root");
        assertOneError(e, f.main + ":4 [service/two]: services 'one' (" + f.main + ":1) and 'two' have the same "
                + "socket, program, selinux_context and euid", "own socket");
    }

    @Test
    void allowAnyUidFirstMakesLaterServiceAmbiguousButNotTheOtherWayRound() throws ConfigException {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/any]", "mechs = krb5", "euid = 0", "allow_any_uid = yes",
                "[service/httpd]", "mechs = krb5", "euid = 48");
        assertOneError(e, f.main + ":5 [service/httpd]: services 'any' (" + f.main + ":1) and 'httpd' share "
                + "socket, program and selinux_context, and 'any' sets allow_any_uid", "list [service/any] last");

        GssProxyConfig ok = f.loadMain("[service/httpd]", "mechs = krb5", "euid = 48",
                "[service/any]", "mechs = krb5", "euid = 0", "allow_any_uid = yes");
        assertEquals(2, ok.services().size());
    }

    @Test
    void sameEuidOnDifferentSocketsOrProgramsIsFine() throws ConfigException {
        GssProxyConfig c = f().loadMain(
                "[service/a]", "mechs = krb5", "euid = 0", "socket = /run/a.sock",
                "[service/b]", "mechs = krb5", "euid = 0",
                "[service/c]", "mechs = krb5", "euid = 0", "program = /usr/sbin/c-daemon",
                "[service/d]", "mechs = krb5", "euid = 0", "selinux_context = system_u:system_r:d_t");
        assertEquals(4, c.services().size());
    }

    @Test
    void noServiceIsAnError() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[gssproxy]", "debug = yes");
        assertOneError(e, f.main + ": no [service/NAME] section", "add a service");
    }

    @Test
    void unknownRunAsUser() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[gssproxy]", "run_as_user = ghost", "[service/a]", "mechs = krb5",
                "euid = 1");
        assertOneError(e, f.main + " run_as_user: run_as_user 'ghost' does not exist", "create the user");
    }

    @Test
    void badSelinuxContext() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[service/a]", "mechs = krb5", "euid = 1", "selinux_context = just_a_type");
        assertOneError(e, f.main + ":4 [service/a] selinux_context: SELinux context 'just_a_type' is not", "");
    }

    @Test
    void everyErrorIsReportedInOneException() {
        ConfigFixture f = f();
        ConfigException e = f.failMain("[gssproxy]", "debug = maybe",
                "[service/a]", "mechs = krb5", "euid = 1", "impersonate = perhaps", "program = relative");
        assertEquals(3, e.errors().size(), e::getMessage);
        assertTrue(e.getMessage().startsWith("3 configuration errors:\n  " + f.main + ":2"), e.getMessage());
    }

    @Test
    void unknownKeysAndMisplacedOptionsAreWarningsWithSuggestions() throws ConfigException {
        ConfigFixture f = f();
        GssProxyConfig c = f.loadMain("[gssproxy]", "worker_threads = 3", "euid = 0",
                "[service/a]", "mechs = krb5", "euid = 1", "alow_any_uid = yes", "run_as_user = x", "frobnicate = 1",
                "[unrelated]", "x = y");
        List<String> w = ConfigFixture.messages(c.warnings());
        assertEquals(List.of(
                f.main + ":2 [gssproxy] worker_threads: unknown option; ignored (fix: did you mean 'worker threads'?)",
                f.main + ":3 [gssproxy] euid: option belongs in a [service/NAME] section; ignored here (fix: move it)",
                f.main + ":7 [service/a] alow_any_uid: unknown option; ignored (fix: did you mean 'allow_any_uid'?)",
                f.main + ":8 [service/a] run_as_user: option belongs in the [gssproxy] section; ignored here "
                        + "(fix: move it)",
                f.main + ":9 [service/a] frobnicate: unknown option; ignored (fix: check the spelling against "
                        + "gssproxy.conf(5))",
                f.main + ":10 [unrelated]: section ignored: only [gssproxy] and [service/NAME] are read"), w);
        assertEquals(5, c.workerThreads());
        assertEquals(false, c.services().getFirst().allowAnyUid());
    }

    @Test
    void connectionLimitsAreReadWithDefaultsAndBadValuesRefused() throws ConfigException {
        ConfigFixture f = f();
        GssProxyConfig defaults = f.loadMain("[service/a]", "mechs = krb5", "euid = 1");
        assertEquals(ConnectionSettings.DEFAULTS, defaults.connections());
        assertEquals(0, defaults.connections().idleTimeout().toSeconds(), "idle connections stay, as upstream");
        GssProxyConfig set = f.loadMain("[gssproxy]", "max_connections_per_uid = 16", "max_queued_calls_per_uid = 4",
                "request_timeout = 3", "connection_idle_timeout = 600", "[service/a]", "mechs = krb5", "euid = 1");
        assertEquals(new ConnectionSettings(16, 4, java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(600)),
                set.connections());
        ConfigException e = f.failMain("[gssproxy]", "max_connections_per_uid = 0", "request_timeout = 0",
                "[service/a]", "mechs = krb5", "euid = 1");
        assertEquals(2, e.errors().size(), e::getMessage);
        assertTrue(e.getMessage().contains("max_connections_per_uid: must be at least 1"), e.getMessage());
    }

    @Test
    void duplicateKeyInAFileUsesTheFirstValueWithAWarning() throws ConfigException {
        ConfigFixture f = f();
        GssProxyConfig c = f.loadMain("[service/a]", "mechs = krb5", "euid = 1", "min_lifetime = 30",
                "min_lifetime = 90");
        assertEquals(30, c.services().getFirst().minLifetime());
        assertEquals(f.main + ":5 [service/a] min_lifetime: given more than once; only the first value ('30') is "
                + "used (fix: remove the extra line)", c.warnings().getFirst().toString());
    }

    @Test
    void negativeMinLifetimeAndZeroWorkersFallBackToDefaultsLikeUpstream() throws ConfigException {
        GssProxyConfig c = f().loadMain("[gssproxy]", "worker threads = 0",
                "[service/a]", "mechs = krb5", "euid = 1", "min_lifetime = -5");
        assertEquals(5, c.workerThreads());
        assertEquals(15, c.services().getFirst().minLifetime());
        assertEquals(2, c.warnings().size(), () -> c.warnings().toString());
    }

    @Test
    void allowClientEnvTakesTheThreeVariablesAndDefaultsToNothing() throws ConfigException {
        assertEquals(Set.of(), f().loadMain("[service/a]", "mechs = krb5", "euid = 1")
                .services().getFirst().allowClientEnv());
        assertEquals(Set.of(ClientEnvVar.KRB5CCNAME), f().loadMain("[service/a]",
                "mechs = krb5", "euid = 1", "allow_client_env = KRB5CCNAME,").services().getFirst().allowClientEnv());
        assertEquals(Set.of(ClientEnvVar.values()), f().loadMain("[service/a]", "mechs = krb5", "euid = 1",
                "allow_client_env = KRB5CCNAME KRB5_CLIENT_KTNAME, KRB5_KTNAME").services().getFirst()
                .allowClientEnv());
    }

    @Test
    void allowClientEnvRefusesUnknownNames() {
        ConfigFixture f = f();
        assertOneError(f.failMain("[service/a]", "mechs = krb5", "euid = 1", "allow_client_env = krb5ccname"),
                f.main + ":4 [service/a] allow_client_env: 'krb5ccname' is not a client environment variable",
                "KRB5CCNAME, KRB5_CLIENT_KTNAME or KRB5_KTNAME");
        assertOneError(f.failMain("[service/a]", "mechs = krb5", "euid = 1", "allow_client_env = KRB5_CONFIG"),
                f.main + ":4 [service/a] allow_client_env: 'KRB5_CONFIG' is not a client environment variable",
                "KRB5_KTNAME");
    }

    @Test
    void allowClientEnvOnAnAcceptOnlyServiceWarns() throws ConfigException {
        GssProxyConfig c = f().loadMain("[service/a]", "mechs = krb5", "euid = 1", "cred_usage = accept",
                "allow_client_env = KRB5CCNAME");
        assertEquals(1, c.warnings().size(), c.warnings()::toString);
        assertTrue(c.warnings().getFirst().toString().contains("allow_client_env lists KRB5CCNAME, which is only"
                + " read to initiate"), c.warnings().getFirst().toString());
        GssProxyConfig initiator = f().loadMain("[service/a]", "mechs = krb5", "euid = 1", "cred_usage = initiate",
                "allow_client_env = KRB5_KTNAME KRB5_CLIENT_KTNAME");
        assertEquals(1, initiator.warnings().size(), initiator.warnings()::toString);
        assertTrue(initiator.warnings().getFirst().toString().contains("allow_client_env lists KRB5_KTNAME, which is"
                + " only read to accept"), initiator.warnings().getFirst().toString());
    }
}
