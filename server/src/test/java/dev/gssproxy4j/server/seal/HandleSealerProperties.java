package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class HandleSealerProperties {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final HandleSealer sealer = new HandleSealer(Keyring.ephemeral());

    @Property
    void openUndoesSeal(@ForAll HandleKind kind,
                        @ForAll @StringLength(min = 1, max = 32) String service,
                        @ForAll int callerUid,
                        @ForAll int targetUid,
                        @ForAll @LongRange(min = 1, max = 40L * 365 * 86400) long secondsLeft,
                        @ForAll @Size(max = 4096) byte[] payload) throws HandleException {
        Assume.that(StandardCharsets.UTF_8.newEncoder().canEncode(service));
        Binding binding = new Binding(service, callerUid, targetUid);
        Instant expiry = NOW.plusSeconds(secondsLeft);

        HandleSealer.Opened opened = sealer.open(kind, binding, sealer.seal(kind, binding, expiry, payload), NOW);

        assertArrayEquals(payload, opened.payload());
        assertEquals(expiry, opened.expiry());
        assertEquals(new HandleSealer.Opened(payload, expiry), opened);
    }
}
