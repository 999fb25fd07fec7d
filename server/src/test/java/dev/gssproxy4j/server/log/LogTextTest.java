package dev.gssproxy4j.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

/** Escaping of log text: nothing a caller sends can start a line or reach the terminal as a control. */
class LogTextTest {

    private static final int CAP = 8192;

    @Test
    void plainTextIsReturnedAsItIs() {
        String plain = "uid 1000 (program /usr/bin/pythön 日本 \\x0a 😀) matches no service";
        assertSame(plain, LogText.escape(plain, CAP));
    }

    @Test
    void aNewlineInAProgramPathCannotForgeALine() {
        String forged = LogText.escape("uid 1000 (program /tmp/x\n[2026/01/01 00:00:00]: New config loaded "
                + "successfully.)", CAP);
        assertEquals("uid 1000 (program /tmp/x\\x0a[2026/01/01 00:00:00]: New config loaded successfully.)", forged);
    }

    @Test
    void everyControlClassIsEscapedVisibly() {
        assertEquals("a\\x0d\\x09\\x00b", LogText.escape("a\r\t\0b", CAP));
        assertEquals("\\x1b[2J\\x1b]0;title\\x07", LogText.escape("\u001b[2J\u001b]0;title\u0007", CAP));
        assertEquals("\\x7f\\x85\\x9b", LogText.escape("\u007f\u0085\u009b", CAP), "DEL, NEL, C1 CSI");
        assertEquals("\\u2028\\u2029", LogText.escape("\u2028\u2029", CAP), "line and paragraph separators");
        assertEquals("\\u202e\\u2066", LogText.escape("\u202e\u2066", CAP), "bidi override and isolate");
        assertEquals("\\ud800x\\udc00", LogText.escape("\ud800x\udc00", CAP), "unpaired surrogates");
        assertEquals("😀", LogText.escape("😀", CAP), "a surrogate pair is a character");
    }

    @Test
    void aLongTextIsCutSayingHowMuchWasLeftOut() {
        String huge = "v".repeat(1 << 20);
        String cut = LogText.escape(huge, 100);
        assertEquals("v".repeat(100) + "...[" + ((1 << 20) - 100) + " more chars]", cut);
        String escapes = LogText.escape("\n".repeat(1000), 100);
        assertTrue(escapes.length() < 140, escapes);
    }

    @Property
    void escapedTextHasNoUnsafeCharacter(@ForAll String text) {
        String out = LogText.escape(text, CAP);
        out.chars().forEach(c -> assertTrue(safe((char) c) || Character.isSurrogate((char) c),
                () -> "unsafe U+" + Integer.toHexString(c) + " in " + out));
        assertTrue(out.codePoints().noneMatch(cp -> cp >= 0xd800 && cp <= 0xdfff), "no unpaired surrogate");
        assertEquals(1, (out + "x").lines().count(), "one line");
    }

    @Property
    void safeTextIsUnchanged(@ForAll @Chars({'a', 'Z', '/', '\\', ' ', '.', 'é', '中'}) @CharRange(from = ' ',
            to = '~') String text) {
        assertEquals(text, LogText.escape(text, CAP));
    }

    private static boolean safe(char c) {
        return c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && c != '\u2028' && c != '\u2029'
                && !(c >= '\u202a' && c <= '\u202e') && !(c >= '\u2066' && c <= '\u2069');
    }
}
