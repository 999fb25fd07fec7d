package dev.gssproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** What is specific to the embedded Kerby realm: its own transport, in-JVM isolation, its enctypes. */
class KerbyRealmTest {

    @Test
    void kdcAnswersOverUdpAsWellAsTcp() throws IOException {
        try (Realm realm = Realms.kerby()) {
            realm.addPrincipal("alice", "alice-pw");
            // Same realm, but clients prefer UDP for every message.
            Path udpConf = realm.dir().resolve("krb5-udp.conf");
            Files.writeString(udpConf, Files.readString(realm.krb5Conf())
                    .replace("udp_preference_limit = 1", "udp_preference_limit = 65535"));
            ChildProcess.Result result = ChildProcess.command("kinit", "alice")
                    .environment(realm.environment())
                    .env("KRB5_CONFIG", udpConf.toString())
                    .env("KRB5_TRACE", "/dev/stderr")
                    .stdin("alice-pw\n")
                    .run(Duration.ofSeconds(20))
                    .requireSuccess();
            assertTrue(result.stderr().contains("Sending initial UDP request to dgram 127.0.0.1:" + realm.kdcPort()),
                    result.stderr());
            assertFalse(result.stderr().contains("TCP"), "kinit should not have needed TCP: " + result.stderr());
            assertEquals(1, realm.kdcRequestCount());
        }
    }

    @Test
    void realmsInOneJvmAreIndependentAndLeaveJvmSettingsAlone() {
        String krb5ConfProperty = System.getProperty("java.security.krb5.conf");
        try (Realm a = Realms.kerby("A.TEST"); Realm b = Realms.kerby("B.TEST")) {
            assertNotEquals(a.kdcPort(), b.kdcPort());
            a.addPrincipal("alice", "alice-pw");
            a.kinit("alice", "alice-pw", "alice.ccache");
            assertThrows(ChildProcessException.class, () -> b.kinit("alice", "alice-pw", "alice.ccache"));
            assertTrue(b.kdcRequestCount() > 0, "B's KDC must have answered the failed request");
        }
        // Kerby's SimpleKdcServer would have pointed the JDK's own Kerberos at the last realm started.
        assertTrue(Objects.equals(krb5ConfProperty, System.getProperty("java.security.krb5.conf")));
    }

    @Test
    void keysAreAesSha1Only() {
        try (Realm realm = Realms.kerby()) {
            Path keytab = realm.keytab("svc.keytab", "HTTP/localhost");
            String keys = Krb5Tools.run(realm, null, "klist", "-ek", keytab.toString());
            assertTrue(keys.contains("(aes256-cts-hmac-sha1-96)") && keys.contains("(aes128-cts-hmac-sha1-96)"),
                    keys);
            assertFalse(keys.contains("des3"), keys);
            assertEquals(2, keys.lines().filter(line -> line.contains("HTTP/localhost@")).count(), keys);
        }
    }

    @Test
    void closeStopsTheKdc() {
        Realm realm = Realms.kerby();
        int port = realm.kdcPort();
        realm.close();
        assertThrows(IOException.class, () -> new Socket(FreePorts.LOOPBACK, port).close());
    }
}
