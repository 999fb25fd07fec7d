package dev.gssproxy4j.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code kdc.conf} ({@code KRB5_KDC_PROFILE}) of a MIT realm: the database {@code kdb} names, stash and log
 * inside the realm directory, the KDC listening on one loopback port for UDP and TCP, the requested enctypes with
 * the normal salt, 1-day tickets renewable for 7 days.
 *
 * <p>Logs go to {@code kdc.log} (counted by {@link Realm#kdcRequestCount()}) and to standard error, where
 * {@link MitRealm} waits for "commencing operation". SPAKE preauth is disabled because without configured groups
 * it only logs an error at every start.
 */
record MitKdcConf(String realm, Path dir, int kdcPort, List<String> enctypes, MitKdb kdb) {

    static final String FILE_NAME = "kdc.conf";
    static final String LOG_FILE_NAME = "kdc.log";

    MitKdcConf {
        enctypes = List.copyOf(enctypes);
    }

    String render() {
        String supported = enctypes.stream().map(e -> e + ":normal").collect(Collectors.joining(" "));
        String database = kdb.realmLines().stream().map(line -> "        " + line + "\n").collect(Collectors.joining());
        return """
                [realms]
                    %1$s = {
                %6$s        key_stash_file = %2$s/stash
                        kdc_listen = 127.0.0.1:%3$d
                        kdc_tcp_listen = 127.0.0.1:%3$d
                        master_key_type = aes256-cts-hmac-sha1-96
                        supported_enctypes = %4$s
                        max_life = 1d
                        max_renewable_life = 7d
                    }

                [logging]
                    kdc = FILE:%2$s/%5$s
                    kdc = STDERR

                [plugins]
                    kdcpreauth = {
                        disable = spake
                    }
                %7$s""".formatted(realm, dir, kdcPort, supported, LOG_FILE_NAME, database,
                kdb.sections().isEmpty() ? "" : "\n" + kdb.sections());
    }
}
