package dev.gssproxy4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleException;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * {@link HandleSealer#open}: the daemon opens every credential handle and partial context a client sends back.
 * Whatever the bytes, it may only throw {@link HandleException}; a handle that was not sealed for exactly this
 * kind and binding, or was altered in any bit, must never open.
 */
class HandleSealerFuzzTest {

    private static final Keyring KEYRING = Keyring.ephemeral();
    private static final HandleSealer SEALER = new HandleSealer(KEYRING);
    private static final Binding BINDING = Binding.of("nfs-server", 0);
    private static final Binding OTHER_UID = Binding.of("nfs-server", 48);
    private static final Binding OTHER_SERVICE = Binding.of("HTTP", 0);
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(3600);
    private static final byte[] PAYLOAD = payload();
    private static final byte[] SEALED_CREDENTIAL = SEALER.seal(HandleKind.CREDENTIAL, BINDING, EXPIRY, PAYLOAD);
    private static final byte[] SEALED_CONTEXT = SEALER.seal(HandleKind.PARTIAL_CONTEXT, BINDING, EXPIRY, PAYLOAD);

    /**
     * Input: byte 0 bit 0 picks the kind, bit 1 the binding, and bit 7 writes this keyring's key id into bytes
     * 1..4 of the handle (the id is random per run, so inputs can reach decryption reproducibly); the rest is the
     * handle.
     */
    @FuzzTest
    void openArbitrary(byte[] input) {
        if (input.length == 0) {
            return;
        }
        HandleKind kind = (input[0] & 1) == 0 ? HandleKind.CREDENTIAL : HandleKind.PARTIAL_CONTEXT;
        Binding binding = (input[0] & 2) == 0 ? BINDING : OTHER_SERVICE;
        byte[] handle = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 0x80) != 0 && handle.length >= 5) {
            ByteBuffer.wrap(handle).putInt(1, KEYRING.activeKey().id());
        }
        try {
            SEALER.open(kind, binding, handle, NOW);
        } catch (HandleException e) {
            return;
        }
        fail("a handle the fuzzer made up opened as " + kind + " for " + binding);
    }

    /**
     * Input: a mutation of a genuine sealed handle. Byte 0 bits 0-1 pick what is presented: 0 the handle as
     * sealed, 1 to another caller uid, 2 to another service, 3 as the other handle kind; bit 2 picks which of the
     * two sealed handles is mutated. Bytes 1-2 (big-endian, modulo the handle's length + 64) set the length the
     * handle is cut or zero-extended to; the remaining bytes are XORed over it from its first byte on. Only the
     * unaltered handle presented as sealed may open, and it must give back the payload.
     */
    @FuzzTest
    void openMutated(byte[] input) throws HandleException {
        if (input.length < 3) {
            return;
        }
        int variant = input[0] & 3;
        boolean context = (input[0] & 4) != 0;
        byte[] sealed = context ? SEALED_CONTEXT : SEALED_CREDENTIAL;
        HandleKind sealedKind = context ? HandleKind.PARTIAL_CONTEXT : HandleKind.CREDENTIAL;
        int length = (((input[1] & 0xff) << 8) | (input[2] & 0xff)) % (sealed.length + 64);
        byte[] handle = Arrays.copyOf(sealed, length);
        for (int i = 3; i < input.length && i - 3 < handle.length; i++) {
            handle[i - 3] ^= input[i];
        }

        HandleKind kind = variant == 3 ? otherKind(sealedKind) : sealedKind;
        Binding binding = switch (variant) {
            case 1 -> OTHER_UID;
            case 2 -> OTHER_SERVICE;
            default -> BINDING;
        };
        boolean genuine = variant == 0 && Arrays.equals(handle, sealed);
        if (genuine) {
            assertArrayEquals(PAYLOAD, SEALER.open(kind, binding, handle, NOW).payload(), "genuine handle's payload");
            return;
        }
        try {
            SEALER.open(kind, binding, handle, NOW);
        } catch (HandleException e) {
            return;
        }
        fail("an altered or misdirected handle opened (variant " + variant + ", " + length + " bytes)");
    }

    private static HandleKind otherKind(HandleKind kind) {
        return kind == HandleKind.CREDENTIAL ? HandleKind.PARTIAL_CONTEXT : HandleKind.CREDENTIAL;
    }

    private static byte[] payload() {
        byte[] payload = new byte[64];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 37 + 11);
        }
        return payload;
    }
}
