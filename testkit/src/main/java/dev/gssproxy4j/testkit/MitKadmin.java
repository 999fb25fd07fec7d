package dev.gssproxy4j.testkit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs {@code kadmin.local} command batches against a MIT realm's database (no kadmind, no admin password).
 *
 * <p>Commands go through standard input, so passwords never appear on a command line. {@code kadmin.local} exits
 * with status 0 even when a command fails; failures show up only as a line on standard error
 * ({@code add_principal: Principal or policy already exists while creating ...}), so any stderr line other than the
 * "No policy specified" notice counts as a failure.
 */
final class MitKadmin {

    private final String realm;
    private final Map<String, String> environment;

    MitKadmin(String realm, Map<String, String> environment) {
        this.realm = realm;
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code commands} in one {@code kadmin.local} process; returns its standard output. */
    String run(List<String> commands) {
        ChildProcess.Result result = ChildProcess.command(
                        Programs.require("kadmin.local", "krb5-admin-server").toString(), "-r", realm)
                .environment(environment)
                .stdin(String.join("\n", commands) + "\n")
                .run(Kinit.TIMEOUT)
                .requireSuccess();
        List<String> errors = result.stderr().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("No policy specified"))
                .toList();
        if (!errors.isEmpty()) {
            throw new RealmException("kadmin.local failed in realm " + realm + ": " + String.join("; ", errors));
        }
        return result.stdout();
    }

    /** The names of all principals in the database. */
    Set<String> principals() {
        return run(List.of("getprincs")).lines()
                .map(String::strip)
                .filter(line -> line.contains("@") && !line.contains(" "))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A kadmin argument in double quotes; kadmin's parser has no escape for a quote or a line break inside. */
    static String quote(String value) {
        if (value.isEmpty() || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException(
                    "kadmin.local arguments must be non-empty and free of double quotes and line breaks");
        }
        return "\"" + value + "\"";
    }
}
