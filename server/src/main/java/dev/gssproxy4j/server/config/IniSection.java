package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A section of one file after upstream's in-file merge: every {@code [name]} header with the same name (compared
 * case-insensitively, like ding-libs' collections) contributes its entries, in file order.
 *
 * @param name    as written at the first header
 * @param file    the file it came from
 * @param line    line of the first header (0 for keys before any header, ding-libs' implicit "default" section)
 * @param entries all entries in file order, duplicates kept
 */
record IniSection(String name, Path file, int line, List<IniEntry> entries) {

    /** Name ding-libs gives to keys written before the first header ({@code INI_DEFAULT_SECTION}). */
    static final String IMPLICIT_SECTION = "default";

    IniSection {
        entries = List.copyOf(entries);
    }

    boolean hasName(String wanted) {
        return name.equalsIgnoreCase(wanted);
    }

    /** Every entry with this key, in order (for repeatable options such as {@code cred_store}). */
    List<IniEntry> all(String key) {
        return entries.stream().filter(e -> e.hasKey(key)).toList();
    }

    /** The first entry with this key: ding-libs' {@code INI_GET_FIRST_VALUE}, which upstream uses everywhere. */
    Optional<IniEntry> first(String key) {
        return entries.stream().filter(e -> e.hasKey(key)).findFirst();
    }

    ConfigLocation location() {
        return new ConfigLocation(file, line, name, "");
    }

    ConfigLocation at(IniEntry entry) {
        return new ConfigLocation(file, entry.line(), name, entry.key());
    }
}
