package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** filter_flags / enforce_flags, as upstream gp_config.c parse_flags. */
class GssFlagsTest {

    private final List<String> warnings = new ArrayList<>();

    private GssFlags parse(String text, GssFlags initial) {
        return GssFlags.parse(text, initial, warnings::add);
    }

    @Test
    void namesAddAndRemoveLeftToRight() {
        GssFlags initial = GssFlags.of(GssFlag.DELEGATE);
        assertEquals(GssFlags.NONE, parse("-DELEGATE", initial));
        assertEquals(GssFlags.of(GssFlag.DELEGATE, GssFlag.ANONYMOUS, GssFlag.REPLAY_DETECT),
                parse("+ANONYMOUS, +replay_detect", initial), "comma and space separate, names are case-insensitive");
        assertEquals(GssFlags.of(GssFlag.MUTUAL_AUTH), parse("+MUTUAL_AUTH +SEQUENCE -SEQUENCE -DELEGATE", initial));
        assertEquals(initial, parse("", initial));
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void integrityAcceptsUpstreamMisspellingAndTheCorrectName() {
        assertEquals(GssFlags.of(GssFlag.INTEGRITY), parse("+INTEGRITIY", GssFlags.NONE));
        assertEquals(GssFlags.of(GssFlag.INTEGRITY), parse("+INTEGRITY", GssFlags.NONE));
        assertEquals(32, GssFlag.INTEGRITY.bit());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void numbersInDecimalHexAndOctal() {
        assertEquals(new GssFlags(0x100), parse("+256", GssFlags.NONE));
        assertEquals(new GssFlags(0x1000), parse("+0x1000", GssFlags.NONE));
        assertEquals(new GssFlags(8), parse("+010", GssFlags.NONE), "strtoul base 0: leading 0 is octal");
        assertEquals(GssFlags.NONE, parse("-0x0001", GssFlags.of(GssFlag.DELEGATE)), "the man page's example");
        assertEquals(GssFlags.of(GssFlag.ANONYMOUS), parse("-0x0001 +ANONYMOUS", GssFlags.of(GssFlag.DELEGATE)));
    }

    @Test
    void badTokensAreIgnoredWithWarningsLikeUpstream() {
        GssFlags result = parse("DELEGATE +NOPE +0 +0xZZ +SEQUENCE", GssFlags.NONE);
        assertEquals(GssFlags.of(GssFlag.SEQUENCE), result);
        assertEquals(4, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().contains("needs a + or -"));
        assertTrue(warnings.get(1).contains("'+NOPE' ignored: not a flag name (DELEGATE, MUTUAL_AUTH"));
    }

    @Test
    void toStringNamesFlagsAndShowsUnnamedBits() {
        assertEquals("none", GssFlags.NONE.toString());
        assertEquals("DELEGATE|INTEGRITY|0x100", new GssFlags(1 | 32 | 256).toString());
    }

    @Test
    void applyToRequestFlags() {
        assertEquals(2, GssFlags.of(GssFlag.DELEGATE).removeFrom(3));
        assertEquals(7, GssFlags.of(GssFlag.REPLAY_DETECT).addTo(3));
    }

    @Test
    void configuredFlagsStartFromTheOptionDefault(@TempDir Path tmp) throws ConfigException {
        GssProxyConfig c = new ConfigFixture(tmp).loadMain("[service/a]", "mechs = krb5", "euid = 1",
                "filter_flags = +ANONYMOUS", "enforce_flags = +MUTUAL_AUTH, +INTEGRITIY, -0x20 +INTEGRITY");
        ServiceConfig s = c.services().getFirst();
        assertEquals(GssFlags.of(GssFlag.DELEGATE, GssFlag.ANONYMOUS), s.filterFlags());
        assertEquals(GssFlags.of(GssFlag.MUTUAL_AUTH, GssFlag.INTEGRITY), s.enforceFlags());
        assertTrue(c.warnings().isEmpty(), () -> c.warnings().toString());
    }

    @Test
    void ignoredFlagTokenIsAWarningAtTheRightLine(@TempDir Path tmp) throws ConfigException {
        ConfigFixture f = new ConfigFixture(tmp);
        GssProxyConfig c = f.loadMain("[service/a]", "mechs = krb5", "euid = 1", "enforce_flags = +CONF");
        assertTrue(c.warnings().getFirst().toString().startsWith(f.main + ":4 [service/a] enforce_flags: flag "
                + "'+CONF' ignored"), c.warnings().toString());
    }
}
