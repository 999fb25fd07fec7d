package dev.gssproxy4j.server.config;

import java.util.ArrayList;
import java.util.List;

/** Collects errors and warnings during one load, so a single run reports every problem. Not thread-safe. */
final class Problems {

    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    void error(ConfigLocation where, String message, String hint) {
        errors.add(new ConfigProblem(where, message, hint));
    }

    void warn(ConfigLocation where, String message, String hint) {
        warnings.add(new ConfigProblem(where, message, hint));
    }

    void addAll(Problems other) {
        errors.addAll(other.errors);
        warnings.addAll(other.warnings);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    void throwIfErrors() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors, warnings);
        }
    }
}
