package dev.gssproxy4j.server.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. Carries every error found (not only the first), each with file, line and a
 * fix hint, plus the warnings collected until then, so {@code check-config} can show the whole picture.
 */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> errors;
    private final transient List<ConfigProblem> warnings;

    public ConfigException(List<ConfigProblem> errors, List<ConfigProblem> warnings) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public ConfigException(ConfigProblem error) {
        this(List.of(error), List.of());
    }

    public List<ConfigProblem> errors() {
        return errors;
    }

    public List<ConfigProblem> warnings() {
        return warnings;
    }

    private static String describe(List<ConfigProblem> errors) {
        if (errors.size() == 1) {
            return errors.getFirst().toString();
        }
        return errors.size() + " configuration errors:"
                + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining());
    }
}
