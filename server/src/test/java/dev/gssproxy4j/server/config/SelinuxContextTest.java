package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelinuxContextTest {

    @Test
    void parsesRangeWithColonsWhole() {
        SelinuxContext c = SelinuxContext.parse("unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023");
        assertEquals("unconfined_u", c.user());
        assertEquals("unconfined_r", c.role());
        assertEquals("unconfined_t", c.type());
        assertEquals(Optional.of("s0-s0:c0.c1023"), c.range());
        assertEquals("unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023", c.toString());
        assertEquals(Optional.empty(), SelinuxContext.parse("u:r:t").range());
    }

    @Test
    void rejectsMalformedContexts() {
        for (String bad : new String[] {"", "u:r", "u::t", "u:r:t:", "u:r:t s0", ":r:t"}) {
            assertThrows(IllegalArgumentException.class, () -> SelinuxContext.parse(bad), bad);
            assertEquals(Optional.empty(), SelinuxContext.tryParse(bad));
        }
    }

    @Test
    void matchComparesRangeOnlyWhenBothHaveOne() {
        SelinuxContext s0 = SelinuxContext.parse("u:r:t:s0");
        assertTrue(s0.matches(SelinuxContext.parse("u:r:t")));
        assertTrue(SelinuxContext.parse("u:r:t").matches(s0));
        assertFalse(s0.matches(SelinuxContext.parse("u:r:t:s1")));
        assertFalse(s0.matches(SelinuxContext.parse("u:r2:t:s0")));
        assertTrue(SelinuxContext.sameOrBothAbsent(Optional.empty(), Optional.empty()));
        assertFalse(SelinuxContext.sameOrBothAbsent(Optional.of(s0), Optional.empty()));
    }
}
