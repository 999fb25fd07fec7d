package dev.gssproxy4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed operations by message, keeping at most {@link #MAX_DISTINCT} distinct messages (each cut to
 * {@link #MAX_LENGTH} characters) so that a run where everything fails stays readable and bounded. Messages come
 * from status texts and exception messages, which never contain token bytes.
 */
final class ErrorLog {

    static final int MAX_DISTINCT = 10;
    static final int MAX_LENGTH = 300;
    private static final String OTHER = "(other messages)";

    private final Map<String, Long> counts = new LinkedHashMap<>();

    synchronized void add(String message) {
        String key = message == null ? "(no message)"
                : message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "..." : message;
        if (!counts.containsKey(key) && counts.size() >= MAX_DISTINCT) {
            key = OTHER;
        }
        counts.merge(key, 1L, Long::sum);
    }

    synchronized Map<String, Long> snapshot() {
        return Map.copyOf(counts);
    }
}
