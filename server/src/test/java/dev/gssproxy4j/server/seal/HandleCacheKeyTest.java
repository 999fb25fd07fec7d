package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandleCacheKeyTest {

    private final HandleSealer sealer = new HandleSealer(Keyring.ephemeral());
    private final Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void sameHandleGivesSameSixteenByteKey() {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, Binding.of("svc", 1), expiry, new byte[] {1, 2, 3});
        byte[] key = HandleCacheKey.cacheKey(sealed);
        assertEquals(16, key.length);
        assertArrayEquals(key, HandleCacheKey.cacheKey(sealed.clone()));
        assertEquals(HandleCacheKey.of(sealed), HandleCacheKey.of(sealed.clone()));
        assertEquals(HandleCacheKey.of(sealed).hashCode(), HandleCacheKey.of(sealed.clone()).hashCode());
    }

    @Test
    void resealingTheSamePayloadGivesAnotherKey() {
        byte[] first = sealer.seal(HandleKind.CREDENTIAL, Binding.of("svc", 1), expiry, new byte[] {1, 2, 3});
        byte[] second = sealer.seal(HandleKind.CREDENTIAL, Binding.of("svc", 1), expiry, new byte[] {1, 2, 3});
        assertNotEquals(HandleCacheKey.of(first), HandleCacheKey.of(second));
    }

    @Test
    void knownAnswer() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223 b00361a396177a9cb410ff61f20015ad (FIPS 180-2 B.1)
        assertEquals("ba7816bf8f01cfea414140de5dae2223",
                HexFormat.of().formatHex(HandleCacheKey.cacheKey("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void toStringShowsAPrefixOnly() {
        HandleCacheKey key = HandleCacheKey.of(new byte[] {9});
        String full = HexFormat.of().formatHex(key.bytes());
        assertFalse(key.toString().contains(full));
    }
}
