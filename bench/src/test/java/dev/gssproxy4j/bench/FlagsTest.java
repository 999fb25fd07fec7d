package dev.gssproxy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagsTest {

    private static final Set<String> VALUES = Set.of("clients", "duration", "reps");
    private static final Set<String> SWITCHES = Set.of("ours");

    @Test
    void valuesInBothSpellingsAndSwitches() {
        Flags flags = Flags.parse(new String[] {"--clients", "1,4, 16", "--duration=500ms", "--ours"}, VALUES,
                SWITCHES);
        assertEquals(List.of(1, 4, 16), flags.integers("clients", List.of()));
        assertEquals(Duration.ofMillis(500), flags.duration("duration", Duration.ZERO));
        assertTrue(flags.isSet("ours"));
        assertEquals(3, flags.integer("reps", 3));
        assertFalse(flags.isSet("reps"));
    }

    @Test
    void durationsInSecondsMinutesAndMilliseconds() {
        assertEquals(Duration.ofSeconds(10), Flags.parseDuration("--d", "10s"));
        assertEquals(Duration.ofSeconds(10), Flags.parseDuration("--d", "10"));
        assertEquals(Duration.ofMinutes(2), Flags.parseDuration("--d", "2m"));
        assertEquals(Duration.ofMillis(1500), Flags.parseDuration("--d", "1.5s"));
        assertThrows(IllegalArgumentException.class, () -> Flags.parseDuration("--d", "ten seconds"));
    }

    @Test
    void refusesUnknownFlagsMissingValuesAndStrayArguments() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Flags.parse(new String[] {"--client", "4"}, VALUES, SWITCHES));
        assertTrue(unknown.getMessage().contains("--clients"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[] {"--reps"}, VALUES, SWITCHES));
        assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[] {"4"}, VALUES, SWITCHES));
        assertThrows(IllegalArgumentException.class,
                () -> Flags.parse(new String[] {"--clients", "1,x"}, VALUES, SWITCHES).integers("clients", null));
    }
}
