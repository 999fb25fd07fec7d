package dev.gssproxy4j.mech;

import dev.gssproxy4j.mech.posix.Posix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A krb5.conf for tests that need no KDC: a default realm (so principal names parse and map to local names) and
 * no DNS canonicalization (so hostbased names never trigger lookups). Applied through {@link Posix#setenv} before
 * the test's first GSS call, as MIT reads KRB5_CONFIG whenever it creates a krb5 context.
 */
final class OfflineKrb5 {

    static final String REALM = "OFFLINE.TEST";

    private OfflineKrb5() {
    }

    static void apply() {
        try {
            Path dir = Files.createTempDirectory("gssproxy4j-offline");
            Path conf = dir.resolve("krb5.conf");
            Files.writeString(conf, """
                    [libdefaults]
                        default_realm = %s
                        dns_canonicalize_hostname = false
                        rdns = false
                        dns_lookup_kdc = false
                        dns_lookup_realm = false
                    [realms]
                        %s = {
                            kdc = 127.0.0.1:9
                        }
                    """.formatted(REALM, REALM));
            Posix.setenv("KRB5_CONFIG", conf.toString());
            Posix.setenv("KRB5CCNAME", "FILE:" + dir.resolve("ccache"));
            Posix.setenv("KRB5_KTNAME", "FILE:" + dir.resolve("missing.keytab"));
            Posix.setenv("KRB5_CLIENT_KTNAME", "FILE:" + dir.resolve("missing-client.keytab"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
