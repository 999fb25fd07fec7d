package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.server.seal.HandleException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandleSealerTest {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    static final Instant EXPIRY = NOW.plusSeconds(3600);
    static final Binding ALICE = Binding.of("nfs-server", 1000);
    static final byte[] PAYLOAD = "exported-cred-token".getBytes(StandardCharsets.US_ASCII);

    private final Keyring keyring = Keyring.ephemeral();
    private final HandleSealer sealer = new HandleSealer(keyring);

    @ParameterizedTest
    @EnumSource(HandleKind.class)
    void roundTripsEachKind(HandleKind kind) throws HandleException {
        byte[] sealed = sealer.seal(kind, ALICE, EXPIRY, PAYLOAD);

        HandleSealer.Opened opened = sealer.open(kind, ALICE, sealed, NOW);

        assertArrayEquals(PAYLOAD, opened.payload());
        assertEquals(EXPIRY, opened.expiry());
        assertEquals(PAYLOAD.length + HandleSealer.overhead(), sealed.length);
    }

    @Test
    void emptyPayloadRoundTrips() throws HandleException {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, new byte[0]);
        assertEquals(HandleSealer.overhead(), sealed.length);
        assertArrayEquals(new byte[0], sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, NOW).payload());
    }

    @Test
    void handleDoesNotContainPayloadOrServiceInClear() {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        String asText = new String(sealed, StandardCharsets.ISO_8859_1);
        assertFalse(asText.contains("exported-cred-token"));
        assertFalse(asText.contains("nfs-server"));
    }

    @Test
    void twoSealsOfTheSameInputDiffer() {
        byte[] first = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        byte[] second = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void wrongCallerUidIsForged() {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        HandleException e = assertFails(Reason.FORGED, sealed,
                () -> sealer.open(HandleKind.CREDENTIAL, Binding.of("nfs-server", 1001), sealed, NOW));
        assertTrue(e.getMessage().contains("cannot tell which"), e.getMessage());
    }

    @Test
    void wrongServiceIsForged() {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        assertFails(Reason.FORGED, sealed,
                () -> sealer.open(HandleKind.CREDENTIAL, Binding.of("nfs-client", 1000), sealed, NOW));
    }

    @Test
    void wrongTargetUidIsForged() {
        Binding trusted = new Binding("nfs-server", 0, 1000);
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, trusted, EXPIRY, PAYLOAD);
        assertFails(Reason.FORGED, sealed,
                () -> sealer.open(HandleKind.CREDENTIAL, new Binding("nfs-server", 0, 1001), sealed, NOW));
        assertFails(Reason.FORGED, sealed,
                () -> sealer.open(HandleKind.CREDENTIAL, Binding.of("nfs-server", 0), sealed, NOW));
    }

    @Test
    void wrongKindIsForged() {
        byte[] credential = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        byte[] context = sealer.seal(HandleKind.PARTIAL_CONTEXT, ALICE, EXPIRY, PAYLOAD);
        assertFails(Reason.FORGED, credential,
                () -> sealer.open(HandleKind.PARTIAL_CONTEXT, ALICE, credential, NOW));
        assertFails(Reason.FORGED, context, () -> sealer.open(HandleKind.CREDENTIAL, ALICE, context, NOW));
    }

    @Test
    void handleFromAnotherKeyringIsUnknownKey() {
        byte[] foreign = new HandleSealer(Keyring.ephemeral()).seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        Reason reason = assertThrows(HandleException.class,
                () -> sealer.open(HandleKind.CREDENTIAL, ALICE, foreign, NOW)).reason();
        // Random first key ids: two keyrings share one with probability 2^-32, and then GCM still refuses it.
        assertEquals(keyring.key(SealedLayout.keyId(foreign)).isPresent() ? Reason.FORGED : Reason.UNKNOWN_KEY,
                reason);
    }

    @Test
    void unknownKeyIdIsUnknownKey() {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        ByteBuffer.wrap(sealed).putInt(SealedLayout.KEY_ID_OFFSET, keyring.activeKey().id() + 1);
        HandleException e = assertFails(Reason.UNKNOWN_KEY, sealed,
                () -> sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, NOW));
        assertTrue(e.getMessage().contains(Integer.toUnsignedString(keyring.activeKey().id() + 1)));
    }

    @Test
    void upstreamStyleBlobIsMalformed() {
        byte[] blob = new byte[200];
        blob[0] = (byte) 0x8e; // upstream blobs start with a random confounder byte
        assertFails(Reason.MALFORMED, blob, () -> sealer.open(HandleKind.CREDENTIAL, ALICE, blob, NOW));
    }

    @Test
    void expiresAtItsExpiryInstant() throws HandleException {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, EXPIRY.minusMillis(1));
        HandleException e = assertFails(Reason.EXPIRED, sealed,
                () -> sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, EXPIRY));
        assertTrue(e.getMessage().contains(EXPIRY.toString()), e.getMessage());
        assertFails(Reason.EXPIRED, sealed,
                () -> sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, EXPIRY.plusSeconds(86400)));
    }

    @Test
    void expiryIsKeptInWholeSeconds() throws HandleException {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY.plusMillis(900), PAYLOAD);
        assertEquals(EXPIRY, sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, NOW).expiry());
    }

    @Test
    void everySingleBitFlipFailsToOpen() {
        byte[] sealed = sealer.seal(HandleKind.PARTIAL_CONTEXT, ALICE, EXPIRY, PAYLOAD);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] flipped = sealed.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            int offset = bit / 8;
            Reason expected = offset == 0 ? Reason.MALFORMED
                    : offset < SealedLayout.NONCE_OFFSET ? Reason.UNKNOWN_KEY // only one key in the ring
                    : Reason.FORGED;
            assertFails(expected, flipped, () -> sealer.open(HandleKind.PARTIAL_CONTEXT, ALICE, flipped, NOW));
        }
    }

    @Test
    void keyIdFlipOntoAnotherKeyIsForged() throws Exception {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        KeyringEntry other = keyring.rotate();
        ByteBuffer.wrap(sealed).putInt(SealedLayout.KEY_ID_OFFSET, other.id());
        assertFails(Reason.FORGED, sealed, () -> sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, NOW));
    }

    @Test
    void everyTruncationFailsWithHandleException() {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        for (int length = 0; length < sealed.length; length++) {
            byte[] cut = Arrays.copyOf(sealed, length);
            Reason expected = length < HandleSealer.overhead() ? Reason.MALFORMED : Reason.FORGED;
            assertFails(expected, cut, () -> sealer.open(HandleKind.CREDENTIAL, ALICE, cut, NOW));
        }
    }

    @Test
    void oversizeInputIsMalformedBeforeAnyWork() {
        byte[] huge = new byte[(1 << 20) + 1];
        huge[0] = SealedLayout.VERSION;
        ByteBuffer.wrap(huge).putInt(SealedLayout.KEY_ID_OFFSET, keyring.activeKey().id());
        HandleException e = assertThrows(HandleException.class,
                () -> sealer.open(HandleKind.CREDENTIAL, ALICE, huge, NOW));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("cap"), e.getMessage());
    }

    @Test
    void largestPayloadSealsToExactlyOneMebibyte() throws HandleException {
        byte[] payload = new byte[HandleSealer.maxPayload()];
        payload[payload.length - 1] = 7;
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, payload);
        assertEquals(1 << 20, sealed.length);
        assertArrayEquals(payload, sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, NOW).payload());
        assertThrows(IllegalArgumentException.class,
                () -> sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, new byte[HandleSealer.maxPayload() + 1]));
    }

    @Test
    void expiryBefore1970IsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> sealer.seal(HandleKind.CREDENTIAL, ALICE, Instant.EPOCH.minusSeconds(1), PAYLOAD));
    }

    @Test
    void authenticHandleWithMismatchedInnerKindIsMalformed() throws Exception {
        // Only a buggy writer holding the key can produce this; the reader must still not trust the inner kind.
        byte[] sealed = sealRaw(HandleKind.CREDENTIAL, HandleKind.PARTIAL_CONTEXT.wireValue(), EXPIRY.getEpochSecond());
        assertFails(Reason.MALFORMED, sealed, () -> sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, NOW));
        byte[] negative = sealRaw(HandleKind.CREDENTIAL, HandleKind.CREDENTIAL.wireValue(), -1L);
        assertFails(Reason.MALFORMED, negative, () -> sealer.open(HandleKind.CREDENTIAL, ALICE, negative, NOW));
    }

    @Test
    void openedToStringShowsLengthOnly() throws HandleException {
        byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        String text = sealer.open(HandleKind.CREDENTIAL, ALICE, sealed, NOW).toString();
        assertTrue(text.contains(PAYLOAD.length + " bytes"), text);
        assertFalse(text.contains("exported"), text);
    }

    @Test
    void rotatesAutomaticallyAfterTheSealBudget() throws HandleException {
        HandleSealer small = new HandleSealer(keyring, 3);
        int firstKey = keyring.activeKey().id();
        byte[][] early = new byte[3][];
        for (int i = 0; i < 3; i++) {
            early[i] = small.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
            assertEquals(firstKey, SealedLayout.keyId(early[i]));
        }
        assertNotEquals(firstKey, keyring.activeKey().id());
        byte[] later = small.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        assertEquals(keyring.activeKey().id(), SealedLayout.keyId(later));
        for (byte[] handle : early) {
            assertArrayEquals(PAYLOAD, small.open(HandleKind.CREDENTIAL, ALICE, handle, NOW).payload());
        }
    }

    /** Asserts the reason, and that the message offers a fix and quotes none of the handle's bytes. */
    static HandleException assertFails(Reason reason, byte[] handle, Executable open) {
        HandleException e = assertThrows(HandleException.class, open);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
        if (handle.length >= SealedLayout.HEADER_BYTES) {
            String nonceHex = HexFormat.of().formatHex(handle, SealedLayout.NONCE_OFFSET, SealedLayout.HEADER_BYTES);
            assertFalse(e.getMessage().toLowerCase().contains(nonceHex.substring(0, 8)), e.getMessage());
        }
        return e;
    }

    private byte[] sealRaw(HandleKind aadKind, byte innerKind, long expirySeconds) throws Exception {
        KeyringEntry key = keyring.activeKey();
        byte[] nonce = new byte[SealedLayout.NONCE_BYTES];
        byte[] plaintext = ByteBuffer.allocate(9 + PAYLOAD.length).put(innerKind).putLong(expirySeconds)
                .put(PAYLOAD).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(SealedLayout.associatedData(key.id(), aadKind, ALICE));
        byte[] body = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(SealedLayout.HEADER_BYTES + body.length)
                .put(SealedLayout.VERSION).putInt(key.id()).put(nonce).put(body).array();
    }
}
