package dev.gssproxy4j.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class OpaqueTest {

    @Test
    void cStringCarriesTheNulAndTextHidesIt() {
        Opaque name = Opaque.cString("localname");
        assertEquals(10, name.length());
        assertTrue(name.endsWithNul());
        assertEquals("localname", name.toText());
        assertTrue(name.textEquals("localname"));
        assertTrue(Opaque.utf8("localname").textEquals("localname"));
        assertFalse(Opaque.utf8("localname").endsWithNul());
    }

    @Test
    void toStringNeverShowsTheBytes() {
        Opaque secret = Opaque.utf8("super-secret-key");
        String shown = secret.toString();
        assertFalse(shown.contains("secret"));
        assertFalse(shown.contains(secret.toHex()));
        assertTrue(shown.startsWith("<16 bytes #"));
    }

    @Test
    void theBufferViewShowsTheBytesAndCannotChangeThem() {
        Opaque token = Opaque.of(new byte[] {1, 2, 3});
        ByteBuffer view = token.asReadOnlyBuffer();
        assertEquals(3, view.remaining());
        assertEquals(3, view.get(2));
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 9));
        view.get();
        assertEquals(3, token.asReadOnlyBuffer().remaining(), "each view has its own position");
    }

    @Test
    void contentEqualsComparesEveryByteAndTheTailIsACopy() {
        Opaque sealed = Opaque.of(new byte[] {1, 2, 3, 4, 5});
        assertTrue(sealed.contentEquals(new byte[] {1, 2, 3, 4, 5}));
        assertFalse(sealed.contentEquals(new byte[] {1, 2, 3, 4, 6}));
        assertFalse(sealed.contentEquals(new byte[] {1, 2, 3, 4}));
        assertTrue(Opaque.EMPTY.contentEquals(new byte[0]));

        byte[] tail = sealed.tail(2);
        assertArrayEquals(new byte[] {4, 5}, tail);
        tail[0] = 9;
        assertTrue(sealed.contentEquals(new byte[] {1, 2, 3, 4, 5}), "the tail is a copy");
        assertArrayEquals(new byte[0], sealed.tail(0));
    }

    @Test
    void valueSemanticsAndDefensiveCopies() {
        byte[] raw = {1, 2, 3};
        Opaque a = Opaque.of(raw);
        raw[0] = 9;
        assertEquals(Opaque.of(new byte[] {1, 2, 3}), a);
        a.toByteArray()[1] = 9;
        assertEquals(2, a.byteAt(1));
    }

    @Test
    void writerRefusesToGrowPastItsMaximum() {
        XdrWriter w = new XdrWriter(8);
        w.writeHyper(1);
        XdrSizeException e = assertThrows(XdrSizeException.class, () -> w.writeInt(1));
        assertEquals(12, e.needed());
    }
}
