package dev.gssproxy4j.server.config;

import java.util.Objects;

/**
 * One error or warning about the configuration: where, what is wrong, and how to fix it.
 *
 * @param where   file, line, section and key
 * @param message what is wrong, in terms of the file's text
 * @param hint    what to write instead; empty if there is nothing useful to say
 */
public record ConfigProblem(ConfigLocation where, String message, String hint) {

    public ConfigProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    @Override
    public String toString() {
        return hint.isEmpty() ? where + ": " + message : where + ": " + message + " (fix: " + hint + ")";
    }
}
