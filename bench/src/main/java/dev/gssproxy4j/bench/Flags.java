package dev.gssproxy4j.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line flags of the bench tools: {@code --name value} or {@code --name=value}, and switches without a
 * value. Unknown flags are refused with the list of known ones, so a typo never silently runs the default.
 */
public final class Flags {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private final Map<String, String> values;

    private Flags(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param withValue flags that take a value (names without {@code --})
     * @param switches  flags that take none
     * @throws IllegalArgumentException for an unknown flag, a missing value or a stray argument
     */
    public static Flags parse(String[] args, Set<String> withValue, Set<String> switches) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; flags start with --");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && value == null) {
                values.put(name, "true");
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(name, value);
            } else {
                List<String> known = new ArrayList<>(withValue);
                known.addAll(switches);
                known.sort(null);
                throw new IllegalArgumentException("unknown flag --" + name + "; known: --" + String.join(", --",
                        known));
            }
        }
        return new Flags(values);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean isSet(String name) {
        return values.containsKey(name);
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** A whole number that may exceed {@code int} (call counts, seeds). */
    public long longValue(String name, long fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    public Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        return value == null ? fallback : parseDuration("--" + name, value);
    }

    /** A comma-separated list of whole numbers, e.g. {@code 1,4,16}. */
    public List<Integer> integers(String name, List<Integer> fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                list.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be comma-separated whole numbers (e.g."
                        + " 1,4,16), got '" + value + "'");
            }
        }
        return List.copyOf(list);
    }

    /** A comma-separated list of names, each one of {@code allowed}, e.g. {@code contexts,messages}. */
    public List<String> strings(String name, List<String> allowed) {
        String value = values.get(name);
        if (value == null) {
            return allowed;
        }
        List<String> list = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!allowed.contains(part.trim())) {
                throw new IllegalArgumentException("--" + name + " takes comma-separated names from " + allowed
                        + ", got '" + part.trim() + "'");
            }
            list.add(part.trim());
        }
        return List.copyOf(list);
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
    public static Duration parseDuration(String what, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a duration such as 10s, 500ms or 2m, got '" + value
                    + "'");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> number;
            case "m" -> number * 60_000;
            default -> number * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
