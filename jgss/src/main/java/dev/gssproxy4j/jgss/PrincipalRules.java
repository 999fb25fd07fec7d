package dev.gssproxy4j.jgss;

import dev.gssproxy4j.jgss.gss.WireOids;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Routing by principal (the "multiple providers" design): credentials acquired for a name that an admin listed go
 * to the JDK's own krb5 ({@code principals.local}) or to the daemon ({@code principals.remote}), whatever the
 * behaviour for their usage says; for example the user's own ticket cache for {@code bob@EXAMPLE.COM} and the
 * daemon for the service in the same JVM. Default credentials (no name) have no principal and follow the usage.
 *
 * <p>A rule is a name as the program gives it ({@code bob@EXAMPLE.COM}, {@code HTTP/web@EXAMPLE.COM},
 * {@code HTTP@web.example.com} for a host-based service) or {@code *@REALM} for every user or krb5 principal name
 * written with that realm. Names are matched as written, never canonicalized: canonicalizing would ask the daemon
 * (or krb5.conf) before the rule has said which one to ask. A name that both an exact rule and a realm rule match
 * follows the exact one; the same rule in both lists is refused ({@link #parse}).
 *
 * @param exact  behaviour by the exact name
 * @param realms behaviour by realm, for user and krb5 principal names
 */
public record PrincipalRules(Map<String, Behavior> exact, Map<String, Behavior> realms) {

    /** Separates rules within one option; commas already separate agent options. */
    public static final String SEPARATOR = ";";

    public PrincipalRules {
        exact = Map.copyOf(exact);
        realms = Map.copyOf(realms);
    }

    /** No rules: every credential follows its usage. */
    public static PrincipalRules none() {
        return new PrincipalRules(Map.of(), Map.of());
    }

    /**
     * The rules of the two options' values ({@code ;}-separated; null or blank for none).
     *
     * @throws IllegalArgumentException for a malformed rule or one listed both ways
     */
    public static PrincipalRules parse(String local, String remote) {
        Map<String, Behavior> exact = new LinkedHashMap<>();
        Map<String, Behavior> realms = new LinkedHashMap<>();
        add(local, Behavior.LOCAL_ONLY, exact, realms);
        add(remote, Behavior.REMOTE_ONLY, exact, realms);
        return new PrincipalRules(exact, realms);
    }

    private static void add(String rules, Behavior behavior, Map<String, Behavior> exact,
                            Map<String, Behavior> realms) {
        if (rules == null) {
            return;
        }
        for (String rule : rules.split(SEPARATOR)) {
            String name = rule.trim();
            if (name.isEmpty()) {
                continue;
            }
            boolean realm = name.startsWith("*@");
            String key = realm ? name.substring(2) : name;
            if (key.isEmpty() || key.contains("*")) {
                throw new IllegalArgumentException("gssproxy4j principal rule '" + name + "' is neither a name nor "
                        + "*@REALM");
            }
            Behavior earlier = (realm ? realms : exact).putIfAbsent(key, behavior);
            if (earlier != null && earlier != behavior) {
                throw new IllegalArgumentException("gssproxy4j principal rule '" + name + "' is in both "
                        + "principals.local and principals.remote");
            }
        }
    }

    /** Where a credential for {@code name} (of type {@code type}, null meaning a krb5 principal) must come from. */
    public Optional<Behavior> forName(String name, Oid type) {
        Behavior byName = exact.get(name);
        if (byName != null) {
            return Optional.of(byName);
        }
        boolean principal = type == null || type.equals(GSSName.NT_USER_NAME) || type.equals(WireOids.KRB5_NT_PRINCIPAL_NAME);
        int at = name.lastIndexOf('@');
        return principal && at >= 0 ? Optional.ofNullable(realms.get(name.substring(at + 1))) : Optional.empty();
    }
}
