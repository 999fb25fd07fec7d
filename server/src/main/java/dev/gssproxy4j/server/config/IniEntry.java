package dev.gssproxy4j.server.config;

/**
 * One {@code key = value} line.
 *
 * @param key   as written, spaces around it removed (may contain inner spaces: {@code worker threads})
 * @param value as written, spaces around it removed; no inline comments ({@code a = b # c} has value {@code b # c},
 *              as in ding-libs)
 * @param line  1-based line number
 */
record IniEntry(String key, String value, int line) {

    boolean hasKey(String wanted) {
        return key.equalsIgnoreCase(wanted);
    }
}
