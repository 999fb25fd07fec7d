package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.xdr.Opaque;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandleCacheKeyTest {

    private final HandleSealer sealer = new HandleSealer(Keyring.ephemeral());
    private final Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void sameHandleGivesSameSixteenByteKey() {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, Binding.of("svc", 1), expiry, new byte[] {1, 2, 3});
        byte[] key = HandleCacheKey.of(sealed).orElseThrow().bytes();
        assertEquals(16, key.length);
        assertArrayEquals(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length), key, "the GCM tag");
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
    void aDecodedHandleHasTheKeyOfItsBytes() {
        byte[] sealed = sealer.seal(HandleKind.CONTEXT, Binding.of("svc", 1), expiry, new byte[] {1, 2, 3});
        assertEquals(HandleCacheKey.of(sealed), HandleCacheKey.of(Opaque.of(sealed)));
    }

    @Test
    void bytesTooShortToBeAHandleHaveNoKey() {
        assertTrue(HandleCacheKey.of(new byte[HandleSealer.overhead() - 1]).isEmpty());
        assertTrue(HandleCacheKey.of(Opaque.of(new byte[HandleSealer.overhead() - 1])).isEmpty());
        assertTrue(HandleCacheKey.of(new byte[HandleSealer.overhead()]).isPresent());
    }

    @Test
    void toStringShowsAPrefixOnly() {
        HandleCacheKey key = HandleCacheKey.of(new byte[HandleSealer.overhead()]).orElseThrow();
        String full = HexFormat.of().formatHex(key.bytes());
        assertFalse(key.toString().contains(full));
    }
}
