package dev.gssproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every realm promises, checked with MIT's own command-line tools against both KDCs. */
class RealmContractTest {

    private static Realm open(String kind) {
        if (kind.equals("mit")) {
            assumeTrue(Realms.mitAvailable(), "MIT KDC not installed (krb5kdc, kdb5_util, kadmin.local): "
                    + "install Debian packages krb5-kdc krb5-admin-server to run the MIT realm tests");
            return Realms.mit();
        }
        return Realms.kerby();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kerby", "mit"})
    void mitToolsGetTicketsAndServiceKeysMatchTheKeytab(String kind) throws Exception {
        Path dir;
        try (Realm realm = open(kind)) {
            dir = realm.dir();
            assertEquals(Realms.DEFAULT_NAME, realm.name());
            assertEquals("alice@" + realm.name(), realm.principal("alice"));
            assertTrue(Files.readString(realm.krb5Conf()).contains("kdc = 127.0.0.1:" + realm.kdcPort()));
            Map<String, String> env = realm.environment();
            assertEquals(realm.krb5Conf().toString(), env.get("KRB5_CONFIG"));
            assertEquals("FILE:" + dir.resolve("ccache-default"), env.get("KRB5CCNAME"));
            assertEquals("FILE:" + dir.resolve("default.keytab"), env.get("KRB5_KTNAME"));
            assertTrue(Files.isDirectory(Path.of(env.get("KRB5RCACHEDIR"))));
            assertTrue(env.containsKey("KRB5_CLIENT_KTNAME"));

            long before = realm.kdcRequestCount();
            realm.addPrincipal("alice", "alice pass phrase");
            Path ccache = realm.kinit("alice", "alice pass phrase", "alice.ccache");
            assertEquals(dir.resolve("alice.ccache"), ccache);
            long afterKinit = realm.kdcRequestCount();
            assertTrue(afterKinit > before, "kinit must reach the KDC: " + before + " -> " + afterKinit);

            String klist = Krb5Tools.run(realm, ccache, "klist", "-f");
            assertTrue(klist.contains("Default principal: alice@" + realm.name()), klist);
            assertTrue(klist.contains("krbtgt/" + realm.name() + "@" + realm.name()), klist);
            assertTrue(klist.contains("renew until"), "TGT should be renewable: " + klist);

            realm.addRandomKeyPrincipal("HTTP/localhost");
            Path keytab = realm.keytab("http.keytab", "HTTP/localhost");
            assertEquals(dir.resolve("http.keytab"), keytab);
            String service = "HTTP/localhost@" + realm.name();
            String kvno = Krb5Tools.run(realm, ccache, "kvno", "-k", keytab.toString(), "HTTP/localhost");
            assertTrue(kvno.contains("keytab entry valid"), kvno);
            assertEquals(List.of(Krb5Tools.kvnoOf(kvno)), Krb5Tools.keytabKvnos(realm, keytab, service));
            assertTrue(realm.kdcRequestCount() > afterKinit, "kvno must send a TGS-REQ");

            // A cached service ticket is not fetched again: the count proves the KDC stays out of the loop.
            long cached = realm.kdcRequestCount();
            Krb5Tools.run(realm, ccache, "kvno", "--cached-only", "HTTP/localhost");
            assertEquals(cached, realm.kdcRequestCount());
        }
        assertFalse(Files.exists(dir), "close() must delete the realm directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kerby", "mit"})
    void keytabExportKeepsKeysSoEarlierTicketsStayValid(String kind) {
        try (Realm realm = open(kind)) {
            realm.addPrincipal("bob", "bob-secret");
            Path ccache = realm.kinit("bob", "bob-secret", "bob.ccache");
            realm.addRandomKeyPrincipal("host/localhost");
            realm.keytab("first.keytab", "host/localhost");
            Krb5Tools.run(realm, ccache, "kvno", "host/localhost");
            // Exporting again must not re-randomise: the ticket already in the ccache decrypts with the new file.
            Path second = realm.keytab("second.keytab", "host/localhost");
            String check = Krb5Tools.run(realm, ccache, "kvno", "-k", second.toString(), "host/localhost");
            assertTrue(check.contains("keytab entry valid"), check);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kerby", "mit"})
    void keytabCreatesMissingPrincipalsAndHoldsAllRequested(String kind) {
        try (Realm realm = open(kind)) {
            Path keytab = realm.keytab("multi.keytab", "nfs/localhost", "cifs/localhost");
            String listing = Krb5Tools.run(realm, null, "klist", "-k", keytab.toString());
            assertTrue(listing.contains("nfs/localhost@" + realm.name()), listing);
            assertTrue(listing.contains("cifs/localhost@" + realm.name()), listing);
            // A service with keys in a keytab can get its own TGT.
            Path ccache = realm.kinitFromKeytab("nfs/localhost", keytab, "nfs.ccache");
            assertTrue(Krb5Tools.run(realm, ccache, "klist").contains("nfs/localhost@" + realm.name()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kerby", "mit"})
    void wrongPasswordFailsWithTheToolsMessage(String kind) {
        try (Realm realm = open(kind)) {
            realm.addPrincipal("carol", "right");
            ChildProcessException e = assertThrows(ChildProcessException.class,
                    () -> realm.kinit("carol", "wrong", "carol.ccache"));
            assertTrue(e.getMessage().contains("kinit"), e.getMessage());
        }
    }
    @ParameterizedTest
    @ValueSource(strings = {"kerby", "mit"})
    void defaultCcacheAndKeytabComeFromTheEnvironment(String kind) {
        try (Realm realm = open(kind)) {
            realm.addPrincipal("dave", "dave-pw");
            ChildProcess.command("kinit", "dave").environment(realm.environment()).stdin("dave-pw\n")
                    .run(Duration.ofSeconds(20)).requireSuccess();
            assertTrue(Files.exists(realm.dir().resolve("ccache-default")));
            realm.keytab("default.keytab", "HTTP/localhost");
            String listing = Krb5Tools.run(realm, null, "klist", "-k");
            assertTrue(listing.contains("FILE:" + realm.dir().resolve("default.keytab")), listing);
            assertTrue(listing.contains("HTTP/localhost@" + realm.name()), listing);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kerby", "mit"})
    void gssSampleClientAuthenticatesToGssSampleServer(String kind) {
        try (Realm realm = open(kind)) {
            realm.addPrincipal("erin", "erin-pw");
            Path ccache = realm.kinit("erin", "erin-pw", "erin.ccache");
            Path keytab = realm.keytab("host.keytab", "host/localhost");
            int port = FreePorts.tcp();
            try (ChildProcess server = ChildProcess.command("gss-server", "-once", "-port", Integer.toString(port),
                            "-keytab", keytab.toString(), "host@localhost")
                    .environment(realm.environment())
                    .output(realm.dir(), "gss-server")
                    .start()) {
                server.awaitOutput("starting...", Duration.ofSeconds(20));
                Krb5Tools.run(realm, ccache, "gss-client", "-port", Integer.toString(port), "localhost",
                        "host@localhost", "hello from the testkit");
                ChildProcess.Result served = server.waitFor(Duration.ofSeconds(20)).requireSuccess();
                assertTrue(served.stdout().contains("Accepted connection: \"erin@" + realm.name() + "\""),
                        served.stdout());
                assertTrue(served.stdout().contains("Received message: \"hello from the testkit\""),
                        served.stdout());
            }
        }
    }
}
