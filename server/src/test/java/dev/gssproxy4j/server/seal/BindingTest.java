package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BindingTest {

    @Property
    void encodingParsesBackToTheSameBinding(@ForAll @StringLength(min = 1, max = 40) String service,
                                            @ForAll int callerUid, @ForAll int targetUid) {
        Assume.that(StandardCharsets.UTF_8.newEncoder().canEncode(service));
        Binding binding = new Binding(service, callerUid, targetUid);
        // A parser that recovers the binding proves the encoding is unambiguous (injective).
        assertEquals(binding, parse(binding.encode()));
    }

    @Test
    void lengthPrefixSeparatesServiceFromUids() {
        // Without a length prefix "a" + uid 0x62000000... and "ab" + ... could share bytes.
        assertFalse(Arrays.equals(new Binding("a", 0x62000000, 0).encode(), new Binding("ab", 0, 0).encode()));
    }

    @Test
    void refusesEmptyOverlongAndMalformedNames() {
        assertThrows(IllegalArgumentException.class, () -> Binding.of("", 1));
        assertThrows(IllegalArgumentException.class, () -> Binding.of("x".repeat(Binding.MAX_SERVICE_BYTES + 1), 1));
        assertThrows(IllegalArgumentException.class, () -> Binding.of("svc\uD800", 1));
        assertThrows(NullPointerException.class, () -> Binding.of(null, 1));
    }

    @Test
    void utf8LengthIsTheEncodedLengthAndRefusesEveryUnpairedSurrogate() {
        for (String text : new String[] {"nfs", "é", "服务", "x\uD83D\uDE00y", "\u007F\u0080\u07FF\u0800\uFFFF"}) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Binding.utf8Length(text), text);
        }
        for (String malformed : new String[] {"\uD800", "a\uDC00", "\uDE00\uD83D", "x\uD83Dy"}) {
            assertEquals(-1, Binding.utf8Length(malformed));
            assertThrows(IllegalArgumentException.class, () -> Binding.of(malformed, 1));
        }
        assertEquals(Binding.MAX_SERVICE_BYTES, Binding.of("\u00E9".repeat(Binding.MAX_SERVICE_BYTES / 2), 1)
                .encode().length - 10, "512 two-byte characters are exactly the longest scope");
        assertThrows(IllegalArgumentException.class, () -> Binding.of("\u00E9".repeat(Binding.MAX_SERVICE_BYTES / 2)
                + "x", 1));
    }

    @Test
    void ofHasNoTarget() {
        assertEquals(Binding.NO_TARGET, Binding.of("svc", 5).targetUid());
        assertEquals("Binding[scope=svc, callerUid=4294967295, targetUid=none]", Binding.of("svc", -1).toString());
    }

    private static Binding parse(byte[] encoded) {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        byte[] name = new byte[in.getShort() & 0xFFFF];
        in.get(name);
        Binding binding = new Binding(new String(name, StandardCharsets.UTF_8), in.getInt(), in.getInt());
        assertFalse(in.hasRemaining());
        return binding;
    }
}
