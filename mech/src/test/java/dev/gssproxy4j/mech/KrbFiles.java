package dev.gssproxy4j.mech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only edits of MIT file formats to provoke failures without waiting or changing the clock:
 * keytab version 0x0502 and credential cache version 0x0504 (MIT's {@code keytab.txt} and {@code ccache.txt}
 * in the krb5 source tree describe both).
 */
final class KrbFiles {

    private KrbFiles() {
    }

    /**
     * Copies {@code keytab} to {@code out} with every key version number raised by {@code delta} and every key
     * replaced by different bytes: a keytab holding only a newer key than the one the KDC issues tickets with.
     * (Raising the kvno alone is not enough: MIT then tries the remaining keys and the old key still works.)
     */
    static Path otherKeyVersion(Path keytab, Path out, int delta) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(keytab));
            if (b.getShort() != 0x0502) {
                throw new IllegalArgumentException("not an MIT v2 keytab: " + keytab);
            }
            while (b.remaining() >= 4) {
                int size = b.getInt();
                int start = b.position();
                if (size < 0) {
                    b.position(start - size); // a hole left by a deleted entry
                    continue;
                }
                int components = b.getShort();
                skipCounted(b); // realm
                for (int i = 0; i < components; i++) {
                    skipCounted(b);
                }
                b.getInt(); // name type
                b.getInt(); // timestamp
                int vnoAt = b.position();
                b.put(vnoAt, (byte) (b.get(vnoAt) + delta));
                b.position(vnoAt + 1);
                b.getShort(); // enctype
                int keyLength = Short.toUnsignedInt(b.getShort());
                for (int i = 0; i < keyLength; i++) {
                    b.put(b.position() + i, (byte) (b.get(b.position() + i) ^ 0x5a));
                }
                b.position(b.position() + keyLength);
                if (start + size - b.position() >= 4) {
                    b.putInt(b.position(), b.getInt(b.position()) + delta);
                }
                b.position(start + size);
            }
            Files.write(out, b.array());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies {@code ccache} to {@code out} with a KDC time offset of {@code seconds} in its header (tag 1,
     * DeltaTime). MIT applies that offset to its clock for every krb5 context that reads the cache (libdefaults
     * {@code kdc_timesync}, on by default), so a client using {@code out} behaves as if its clock were off by
     * {@code seconds}: authenticators carry a skewed time, and tickets look expired once the offset passes
     * their end time.
     */
    static Path withTimeOffset(Path ccache, Path out, int seconds) {
        try {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(ccache));
            if (in.getShort() != 0x0504) {
                throw new IllegalArgumentException("not a version 4 FILE ccache: " + ccache);
            }
            int headerLength = Short.toUnsignedInt(in.getShort());
            in.position(in.position() + headerLength);
            ByteBuffer o = ByteBuffer.allocate(4 + 12 + in.remaining());
            o.putShort((short) 0x0504).putShort((short) 12);
            o.putShort((short) 1).putShort((short) 8).putInt(seconds).putInt(0);
            o.put(in);
            Files.write(out, o.array());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void skipCounted(ByteBuffer b) {
        int length = Short.toUnsignedInt(b.getShort());
        b.position(b.position() + length);
    }
}
