package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IniParserTest {

    private static final Path FILE = Path.of("/etc/gssproxy/test.conf");

    private static List<IniSection> parse(Problems problems, String... lines) {
        return IniParser.parse(FILE, String.join("\n", lines), problems);
    }

    @Test
    void readsSectionsKeysWithSpacesAndTrimsValues() {
        Problems p = new Problems();
        List<IniSection> s = parse(p,
                "[gssproxy]",
                "  worker threads   =   7  ",
                "[ service/nfs-server ]",
                "\tmechs=krb5",
                "  socket = /run/gssproxy.sock # not a comment");
        assertFalse(p.hasErrors());
        assertEquals(2, s.size());
        assertEquals("7", s.get(0).first("worker threads").orElseThrow().value());
        assertEquals(2, s.get(0).first("worker threads").orElseThrow().line());
        assertEquals("service/nfs-server", s.get(1).name());
        assertEquals("krb5", s.get(1).first("MECHS").orElseThrow().value(), "keys compare case-insensitively");
        assertEquals("/run/gssproxy.sock # not a comment", s.get(1).first("socket").orElseThrow().value(),
                "ding-libs has no inline comments");
    }

    @Test
    void skipsAllCommentForms() {
        Problems p = new Problems();
        List<IniSection> s = parse(p,
                "# hash", "; semicolon", "// c++", "/* block", "euid = 5", "still comment */",
                "   # indented (upstream rejects this line; we take it as a comment)", "",
                "[service/a]", "/* one-line */", "euid = 1");
        assertFalse(p.hasErrors(), () -> p.errors().toString());
        assertEquals(1, s.size());
        assertEquals(List.of(new IniEntry("euid", "1", 11)), s.getFirst().entries());
    }

    @Test
    void mergesRepeatedSectionsAndKeepsRepeatedKeysInOrder() {
        Problems p = new Problems();
        List<IniSection> s = parse(p,
                "[service/x]", "cred_store = keytab:/a", "euid = 1",
                "[service/y]", "euid = 2",
                "[SERVICE/X]", "cred_store = ccache:/b", "euid = 3");
        assertEquals(2, s.size());
        IniSection x = s.getFirst();
        assertEquals("service/x", x.name());
        assertEquals(1, x.line());
        assertEquals(List.of("keytab:/a", "ccache:/b"), x.all("cred_store").stream().map(IniEntry::value).toList());
        assertEquals("1", x.first("euid").orElseThrow().value(), "first value wins, INI_GET_FIRST_VALUE");
    }

    @Test
    void keysBeforeAnySectionGoToDingLibsDefaultSection() {
        Problems p = new Problems();
        List<IniSection> s = parse(p, "euid = 0", "[gssproxy]");
        assertEquals("default", s.getFirst().name());
        assertEquals(0, s.getFirst().line());
    }

    @Test
    void handlesCrLfAndByteOrderMark() {
        Problems p = new Problems();
        List<IniSection> s = IniParser.parse(FILE, "\uFEFF[gssproxy]\r\ndebug = yes\r\n", p);
        assertFalse(p.hasErrors());
        assertEquals("gssproxy", s.getFirst().name());
        assertEquals("yes", s.getFirst().first("debug").orElseThrow().value());
    }

    @Test
    void reportsEverySyntaxErrorWithItsLine() {
        Problems p = new Problems();
        parse(p, "[gssproxy]", "just words", "= value", "[broken", "[]", "[ok] trailing", "/* never closed");
        List<String> errors = ConfigFixture.messages(p.errors());
        assertEquals(6, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith(FILE + ":2 [gssproxy]: line is not a [section]"), errors.get(0));
        assertTrue(errors.get(1).startsWith(FILE + ":3"), errors.get(1));
        assertTrue(errors.get(2).contains(":4") && errors.get(2).contains("does not end with ']'"));
        assertTrue(errors.get(3).contains(":5") && errors.get(3).contains("empty section name"));
        assertTrue(errors.get(4).contains(":6"));
        assertTrue(errors.get(5).contains("not closed"));
    }

    @Test
    void emptyValueIsKept() {
        Problems p = new Problems();
        List<IniSection> s = parse(p, "[service/a]", "enforce_flags =");
        assertEquals("", s.getFirst().first("enforce_flags").orElseThrow().value());
    }
}
