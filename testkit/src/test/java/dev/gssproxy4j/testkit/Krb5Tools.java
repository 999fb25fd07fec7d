package dev.gssproxy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs MIT command-line tools against a realm, as a test would by hand. */
final class Krb5Tools {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern KVNO_LINE = Pattern.compile(": kvno = (\\d+)");

    private Krb5Tools() {
    }

    /** Runs {@code command} with the realm's environment and {@code KRB5CCNAME=FILE:ccache}; requires success. */
    static String run(Realm realm, Path ccache, String... command) {
        return start(realm, ccache, command).run(TIMEOUT).requireSuccess().stdout();
    }

    static ChildProcess.Builder start(Realm realm, Path ccache, String... command) {
        ChildProcess.Builder builder = ChildProcess.command(command).environment(realm.environment());
        return ccache == null ? builder : builder.env("KRB5CCNAME", "FILE:" + ccache);
    }

    /** The kvno {@code kvno} printed for a service ticket. */
    static int kvnoOf(String kvnoOutput) {
        Matcher m = KVNO_LINE.matcher(kvnoOutput);
        assertTrue(m.find(), () -> "no kvno in: " + kvnoOutput);
        return Integer.parseInt(m.group(1));
    }

    /** The distinct kvnos {@code klist -k} lists for {@code principal}. */
    static List<Integer> keytabKvnos(Realm realm, Path keytab, String principal) {
        String listing = run(realm, null, "klist", "-k", keytab.toString());
        return listing.lines()
                .map(String::strip)
                .filter(line -> line.endsWith(" " + principal))
                .map(line -> Integer.parseInt(line.substring(0, line.indexOf(' '))))
                .distinct()
                .toList();
    }
}
