package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf.d rules of upstream gp_config_from_dir / ding-libs ini_config_augment. */
class ConfDirTest {

    @TempDir
    Path tmp;

    private static String[] service(String name, int euid) {
        return new String[] {"[service/" + name + "]", "mechs = krb5", "euid = " + euid, "socket = /s/" + name};
    }

    private static List<String> names(GssProxyConfig c) {
        return c.services().stream().map(ServiceConfig::name).toList();
    }

    @Test
    void readsOnlyNumberedSnippetsInNameOrder() throws Exception {
        ConfigFixture f = new ConfigFixture(tmp);
        f.write("gssproxy.conf", service("main", 1));
        f.write("50-b.conf", service("b", 2));
        f.write("05-a.conf", service("a", 3));
        f.write("99-z.conf", service("z", 4));
        f.write("foo.conf", service("ignored1", 5));
        f.write("1-x.conf", service("ignored2", 6));
        f.write("99-.conf", service("ignored3", 7));
        f.write("99-x.conf.rpmsave", service("ignored4", 8));
        f.write("ab-x.conf", service("ignored5", 9));
        Files.createDirectory(f.confDir.resolve("42-dir.conf"));

        GssProxyConfig c = f.load();
        assertEquals(List.of("main", "a", "b", "z"), names(c));
        assertEquals(1, c.warnings().size(), () -> c.warnings().toString());
        assertTrue(c.warnings().getFirst().toString().contains("42-dir.conf: not a regular file"));
    }

    @Test
    void firstDefinitionWinsAcrossFilesWithAWarning() throws Exception {
        ConfigFixture f = new ConfigFixture(tmp);
        f.write("gssproxy.conf", "[gssproxy]", "worker threads = 3", "[service/x]", "mechs = krb5", "euid = 1");
        f.write("10-x.conf", "[service/x]", "euid = 2", "trusted = yes", "[gssproxy]", "worker threads = 9");
        f.write("20-y.conf", "[service/y]", "mechs = krb5", "euid = 5", "socket = /s/y");
        f.write("30-y.conf", "[service/y]", "mechs = krb5", "euid = 6", "socket = /s/y2");

        GssProxyConfig c = f.load();
        assertEquals(List.of("x", "y"), names(c));
        ServiceConfig x = c.service("x").orElseThrow();
        assertEquals(OptionalInt.of(1), x.euid());
        assertEquals(false, x.trusted(), "the later section is dropped whole, not merged");
        assertEquals(3, c.workerThreads());
        assertEquals(OptionalInt.of(5), c.service("y").orElseThrow().euid());
        List<String> warnings = ConfigFixture.messages(c.warnings());
        assertEquals(3, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith(f.confDir.resolve("10-x.conf") + ":1 [service/x]: section already "
                + "defined at " + f.main + ":3"), warnings.get(0));
        assertTrue(warnings.get(2).contains("30-y.conf:1"), warnings.get(2));
    }

    @Test
    void duplicatesWithinOneFileAreMerged() throws Exception {
        ConfigFixture f = new ConfigFixture(tmp);
        f.write("gssproxy.conf", "[gssproxy]");
        f.write("10-x.conf", "[service/x]", "mechs = krb5", "cred_store = keytab:/k",
                "[service/x]", "euid = 7", "cred_store = ccache:/c");
        ServiceConfig x = f.load().service("x").orElseThrow();
        assertEquals(OptionalInt.of(7), x.euid());
        assertEquals(List.of(new CredStoreEntry("keytab", "/k"), new CredStoreEntry("ccache", "/c")), x.credStore());
    }

    @Test
    void snippetWithForeignSectionOrSyntaxErrorIsSkippedWhole() throws Exception {
        ConfigFixture f = new ConfigFixture(tmp);
        f.write("gssproxy.conf", service("main", 1));
        f.write("10-foreign.conf", service("lost1", 2)[0], "mechs = krb5", "euid = 2", "[other]", "a = b");
        f.write("20-broken.conf", service("lost2", 3)[0], "mechs = krb5", "this line is broken");
        f.write("30-nosection.conf", "# only a comment");
        f.write("40-keys-first.conf", "euid = 0", "[service/lost3]", "mechs = krb5");
        f.write("50-upper.conf", "[Service/lost4]", "mechs = krb5", "euid = 4");

        GssProxyConfig c = f.load();
        assertEquals(List.of("main"), names(c));
        List<String> w = ConfigFixture.messages(c.warnings());
        assertTrue(w.stream().anyMatch(s -> s.contains("10-foreign.conf:4 [other]: section not allowed")), w::toString);
        assertTrue(w.stream().anyMatch(s -> s.contains("20-broken.conf:3") && s.contains("whole file is skipped")),
                w::toString);
        assertTrue(w.stream().anyMatch(s -> s.contains("30-nosection.conf: no sections")), w::toString);
        assertTrue(w.stream().anyMatch(s -> s.contains("40-keys-first.conf [default]")), w::toString);
        assertTrue(w.stream().anyMatch(s -> s.contains("50-upper.conf:1 [Service/lost4]")), w::toString);
    }

    @Test
    void mainFileSyntaxErrorIsFatal() {
        ConfigFixture f = new ConfigFixture(tmp);
        ConfigException e = f.failMain("[service/x", "mechs = krb5");
        assertTrue(e.getMessage().startsWith(f.main + ":1: section header"), e.getMessage());
    }

    @Test
    void missingMainFileIsFatalAndMissingDirectoryIsAWarning() throws Exception {
        ConfigFixture f = new ConfigFixture(tmp);
        ConfigLoader loader = new ConfigLoader(FakeUsers.INSTANCE);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f.main, f.confDir));
        assertTrue(e.getMessage().contains(f.main + ": cannot read: no such file") && e.getMessage().contains(
                "pass -c FILE"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "said as a person says it: " + e.getMessage());

        f.write("gssproxy.conf", service("main", 1));
        GssProxyConfig c = loader.load(f.main, tmp.resolve("nope"));
        assertTrue(c.warnings().getFirst().toString().contains("nope: config directory does not exist"));
    }

    @Test
    void minusCWithoutMinusCapitalCSkipsTheDirectory() throws IOException, ConfigException {
        Path file = Path.of("/x/y.conf");
        Path dir = Path.of("/d");
        assertEquals(Optional.of(Defaults.CONFIG_DIR), ConfigLoader.confDirFor(Optional.empty(), Optional.empty()));
        assertEquals(Optional.empty(), ConfigLoader.confDirFor(Optional.of(file), Optional.empty()));
        assertEquals(Optional.of(dir), ConfigLoader.confDirFor(Optional.of(file), Optional.of(dir)));
        assertEquals(Optional.of(dir), ConfigLoader.confDirFor(Optional.empty(), Optional.of(dir)));

        ConfigFixture f = new ConfigFixture(tmp);
        f.write("gssproxy.conf", service("main", 1));
        f.write("10-extra.conf", service("extra", 2));
        ConfigLoader loader = new ConfigLoader(FakeUsers.INSTANCE);
        assertEquals(List.of("main"), names(loader.load(Optional.of(f.main), Optional.empty())));
        assertEquals(List.of("main", "extra"), names(loader.load(Optional.of(f.main), Optional.of(f.confDir))));
    }

    @Test
    void mainFileNamedLikeASnippetIsNotReadTwice() throws Exception {
        ConfigFixture f = new ConfigFixture(tmp);
        Path main = f.write("00-main.conf", service("main", 1));
        GssProxyConfig c = new ConfigLoader(FakeUsers.INSTANCE).load(main, f.confDir);
        assertEquals(List.of("main"), names(c));
        assertTrue(c.warnings().isEmpty(), () -> c.warnings().toString());
    }
}
