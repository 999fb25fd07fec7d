package dev.gssproxy4j.server.config;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, problem-reporting access to one section's entries for the options of one {@link ConfigOption.Scope}.
 * Single-valued options use the first value, like upstream ({@code INI_GET_FIRST_VALUE}).
 */
final class SectionReader {

    private final IniSection section;
    private final ConfigOption.Scope scope;
    private final Problems problems;

    SectionReader(IniSection section, ConfigOption.Scope scope, Problems problems) {
        this.section = section;
        this.scope = scope;
        this.problems = problems;
        checkKeys();
    }

    Optional<String> text(ConfigOption option) {
        return section.first(option.key()).map(IniEntry::value);
    }

    List<IniEntry> all(ConfigOption option) {
        return section.all(option.key());
    }

    ConfigLocation at(ConfigOption option) {
        return section.first(option.key()).map(section::at).orElse(section.location());
    }

    ConfigLocation at(IniEntry entry) {
        return section.at(entry);
    }

    void error(ConfigOption option, String message, String hint) {
        problems.error(at(option), message, hint);
    }

    void warn(ConfigOption option, String message, String hint) {
        problems.warn(at(option), message, hint);
    }

    void errorAt(IniEntry entry, String message, String hint) {
        problems.error(at(entry), message, hint);
    }

    void warnAt(IniEntry entry, String message, String hint) {
        problems.warn(at(entry), message, hint);
    }

    Optional<Boolean> bool(ConfigOption option) {
        return text(option).flatMap(v -> {
            Optional<Boolean> b = Values.parseBoolean(v);
            if (b.isEmpty()) {
                error(option, "'" + v + "' is not a boolean", "write yes/no (also accepted: true/false, on/off, 1/0)");
            }
            return b;
        });
    }

    /** A decimal integer; trailing text is ignored with a warning, as ding-libs' non-strict conversion does. */
    Optional<Integer> integer(ConfigOption option) {
        return text(option).flatMap(v -> {
            Optional<Values.LeadingInteger> n = Values.leadingInteger(v);
            if (n.isEmpty()) {
                error(option, "'" + v + "' is not a whole number", "write a decimal number, e.g. "
                        + option.key() + " = " + option.defaultText().orElse("1"));
                return Optional.empty();
            }
            if (!n.get().rest().isEmpty()) {
                warn(option, "text after the number is ignored: '" + n.get().rest() + "'",
                        "write only the number");
            }
            return Optional.of(n.get().value());
        });
    }

    /** Line of the first occurrence of every known option present. */
    Map<ConfigOption, Integer> keyLines() {
        Map<ConfigOption, Integer> lines = new EnumMap<>(ConfigOption.class);
        for (IniEntry e : section.entries()) {
            ConfigOption.byKey(e.key()).ifPresent(o -> lines.putIfAbsent(o, e.line()));
        }
        return lines;
    }

    /**
     * Unknown keys and options of the other section kind are warnings (upstream ignores them silently); removed
     * options are errors (upstream: fatal); a single-valued option given twice is a warning naming the value used.
     */
    private void checkKeys() {
        Set<ConfigOption> seen = new HashSet<>();
        for (IniEntry e : section.entries()) {
            ConfigLocation where = section.at(e);
            Optional<ConfigOption> option = ConfigOption.byKey(e.key());
            if (option.isEmpty()) {
                problems.warn(where, "unknown option; ignored", suggestion(e.key()));
            } else if (option.get().scope() != scope) {
                problems.warn(where, "option belongs in " + (scope == ConfigOption.Scope.GLOBAL
                        ? "a [service/NAME] section" : "the [gssproxy] section") + "; ignored here", "move it");
            } else if (option.get().kind() == ConfigOption.Kind.REMOVED) {
                String replacement = option.get().replacementCredStoreKey().orElseThrow();
                problems.error(where, "'" + e.key() + "' was removed upstream",
                        "write 'cred_store = " + replacement + ":" + e.value() + "' instead");
            } else if (!seen.add(option.get()) && option.get().kind() != ConfigOption.Kind.LIST) {
                problems.warn(where, "given more than once; only the first value ('"
                        + section.first(e.key()).orElseThrow().value() + "') is used", "remove the extra line");
            }
        }
    }

    /** "did you mean" for a misspelt key, e.g. {@code worker_threads} for {@code worker threads}. */
    private String suggestion(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace('_', ' ');
        String best = null;
        int bestDistance = 3;
        for (ConfigOption o : ConfigOption.values()) {
            if (o.scope() != scope || o.kind() == ConfigOption.Kind.REMOVED) {
                continue;
            }
            int d = distance(normalized, o.key().replace('_', ' '));
            if (d < bestDistance) {
                best = o.key();
                bestDistance = d;
            }
        }
        return best == null ? "check the spelling against gssproxy.conf(5)" : "did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
