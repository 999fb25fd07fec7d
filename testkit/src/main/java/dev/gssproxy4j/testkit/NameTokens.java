package dev.gssproxy4j.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** RFC 2743 section 3.2 exported-name tokens, well-formed or deliberately not, for tests of name handling. */
public final class NameTokens {

    private NameTokens() {}

    /**
     * {@code 04 01}, the 2-byte length of the mechanism's DER, the DER ({@code 06}, short length, {@code mechDer}),
     * the 4-byte length of {@code name}, the name, then {@code tail} (empty for a well-formed token).
     */
    public static byte[] exported(byte[] mechDer, byte[] name, byte[] tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x04, 0x01, 0, (byte) (mechDer.length + 2), 0x06, (byte) mechDer.length});
        out.writeBytes(mechDer);
        out.writeBytes(ByteBuffer.allocate(4).putInt(name.length).array());
        out.writeBytes(name);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    /** As {@link #exported(byte[], byte[], byte[])} with a UTF-8 principal name. */
    public static byte[] exported(byte[] mechDer, String name, byte[] tail) {
        return exported(mechDer, name.getBytes(StandardCharsets.UTF_8), tail);
    }
}
