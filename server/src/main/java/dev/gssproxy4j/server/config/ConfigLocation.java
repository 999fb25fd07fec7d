package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where something was written: file, 1-based line, section and key. Line 0 means "the file as a whole"; an empty
 * section or key means "not inside one".
 */
public record ConfigLocation(Path file, int line, String section, String key) {

    public ConfigLocation {
        Objects.requireNonNull(file, "file");
        section = section == null ? "" : section;
        key = key == null ? "" : key;
    }

    public static ConfigLocation ofFile(Path file) {
        return new ConfigLocation(file, 0, "", "");
    }

    public ConfigLocation withKey(String newKey, int newLine) {
        return new ConfigLocation(file, newLine, section, newKey);
    }

    /** {@code /etc/gssproxy/80-httpd.conf:4 [service/HTTP] euid}, parts that are absent left out. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file.toString());
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (!section.isEmpty()) {
            sb.append(" [").append(section).append(']');
        }
        if (!key.isEmpty()) {
            sb.append(' ').append(key);
        }
        return sb.toString();
    }
}
