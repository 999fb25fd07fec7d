package dev.gssproxy4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the daemon's statistics: the Prometheus text format the admin socket serves (docs/STATS.md). */
final class StatsText {

    /** One sample line: {@code name{label="value",...} number}. */
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private StatsText() {
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            String metric = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            int brace = metric.indexOf('{');
            String name = brace < 0 ? metric : metric.substring(0, brace);
            samples.add(new Sample(name, brace < 0 ? Map.of() : labels(metric.substring(brace + 1,
                    metric.length() - 1)), value));
        }
        return samples;
    }

    /** {@code a="x",b="y \" z"} with the format's escapes (backslash, quote, {@code \n}). */
    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf("=\"", i);
            if (eq < 0) {
                throw new IllegalArgumentException("bad labels: " + text);
            }
            String key = text.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            }
        }
        return labels;
    }
}
