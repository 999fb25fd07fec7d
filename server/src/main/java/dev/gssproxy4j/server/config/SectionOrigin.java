package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a section and each of its options were written, so checks that run after parsing (the validator, the
 * matcher's explanations) can still point at a file and line.
 *
 * @param file     the file that defined the section (the first one, if several did)
 * @param line     line of the section header
 * @param section  section name as written
 * @param keyLines line of the first occurrence of each option present
 */
public record SectionOrigin(Path file, int line, String section, Map<ConfigOption, Integer> keyLines) {

    public SectionOrigin {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(section, "section");
        keyLines = Map.copyOf(keyLines);
    }

    /** For values built in code (tests, synthesized services) rather than read from a file. */
    public static SectionOrigin synthetic(String section) {
        return new SectionOrigin(Path.of("(built-in)"), 0, section, Map.of());
    }

    public ConfigLocation header() {
        return new ConfigLocation(file, line, section, "");
    }

    /** The option's line if it was written, otherwise the section header. */
    public ConfigLocation of(ConfigOption option) {
        return new ConfigLocation(file, keyLines.getOrDefault(option, line), section, option.key());
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file.toString();
    }
}
