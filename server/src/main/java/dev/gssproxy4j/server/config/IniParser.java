package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one file with the syntax upstream gets from ding-libs {@code ini_config_parse} with
 * {@code INI_PARSE_NOWRAP} and collision flags {@code INI_MS_MERGE | INI_MV1S_ALLOW | INI_MV2S_ALLOW}
 * ({@code gp_config.c gp_config_init}):
 * <ul>
 *   <li>{@code [name]} starts a section; text after the closing bracket is an error;</li>
 *   <li>{@code key = value}, spaces around key and value removed, no line continuation, no inline comments;</li>
 *   <li>comment lines start with {@code #}, {@code ;} or {@code //}; {@code /*} starts a comment that ends on the
 *       line that ends with <code>*&#47;</code>; empty lines are ignored;</li>
 *   <li>a section that appears twice in the file is merged into its first appearance and a key that appears twice
 *       keeps both values (readers use the first, repeatable options all of them).</li>
 * </ul>
 * Deliberate leniency: ding-libs rejects an indented comment line (it reads it as a key without {@code =}); here
 * an indented comment is a comment. Every valid upstream file parses to the same sections.
 */
final class IniParser {

    private IniParser() {
    }

    /** Parses {@code text}; syntax errors are added to {@code problems} and the offending line is skipped. */
    static List<IniSection> parse(Path file, String text, Problems problems) {
        Map<String, SectionBuilder> sections = new LinkedHashMap<>();
        SectionBuilder current = null;
        boolean inBlockComment = false;
        String[] lines = stripBom(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = trimEnd(lines[i]);
            if (inBlockComment) {
                inBlockComment = !line.endsWith("*/");
                continue;
            }
            String body = trimStart(line);
            if (body.isEmpty() || body.startsWith("#") || body.startsWith(";") || body.startsWith("//")) {
                continue;
            }
            if (body.startsWith("/*")) {
                inBlockComment = !(body.length() >= 4 && body.endsWith("*/"));
                continue;
            }
            ConfigLocation here = new ConfigLocation(file, lineNo, current == null ? "" : current.name, "");
            if (body.startsWith("[")) {
                String name = sectionName(body, here, problems);
                if (name != null) {
                    current = sections.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                            k -> new SectionBuilder(name, lineNo));
                }
                continue;
            }
            int eq = body.indexOf('=');
            if (eq < 0) {
                problems.error(here, "line is not a [section], a key = value pair or a comment: '" + body + "'",
                        "write 'key = value', or start the line with # to comment it out");
                continue;
            }
            String key = trimEnd(body.substring(0, eq));
            if (key.isEmpty()) {
                problems.error(here, "'=' without a key before it", "write 'key = value'");
                continue;
            }
            if (current == null) {
                current = sections.computeIfAbsent(IniSection.IMPLICIT_SECTION,
                        k -> new SectionBuilder(IniSection.IMPLICIT_SECTION, 0));
            }
            current.entries.add(new IniEntry(key, trimStart(body.substring(eq + 1)), lineNo));
        }
        if (inBlockComment) {
            problems.error(new ConfigLocation(file, lines.length, "", ""),
                    "a /* comment is not closed before the end of the file", "end the comment with */");
        }
        return sections.values().stream().map(b -> new IniSection(b.name, file, b.line, b.entries)).toList();
    }

    private static String sectionName(String body, ConfigLocation here, Problems problems) {
        if (!body.endsWith("]")) {
            problems.error(here, "section header '" + body + "' does not end with ']'",
                    "write the header alone on its line, e.g. [service/nfs-server]");
            return null;
        }
        String name = trimEnd(trimStart(body.substring(1, body.length() - 1)));
        if (name.isEmpty()) {
            problems.error(here, "empty section name '[]'", "name the section, e.g. [gssproxy] or [service/NAME]");
            return null;
        }
        return name;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** C {@code isspace} in the "C" locale, which is what ding-libs trims. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static String trimStart(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    static String trimEnd(String s) {
        int j = s.length();
        while (j > 0 && isSpace(s.charAt(j - 1))) {
            j--;
        }
        return s.substring(0, j);
    }

    private static final class SectionBuilder {
        final String name;
        final int line;
        final List<IniEntry> entries = new ArrayList<>();

        SectionBuilder(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }
}
