package dev.gssproxy4j.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: XDR {@code opaque<>}, and every gssx buffer, OID, token and handle built on it.
 *
 * <p>{@link #toString()} shows only the length and a short hash, because these bytes are often tokens, keys or
 * handle contents, which must never reach a log. Use {@link #toText()} for bytes known to be display text.
 *
 * <p>GSS-Proxy puts C strings on the wire with their trailing NUL in many places (option names and values,
 * status strings; see the behaviour reference, section 1). {@link #cString} and {@link #toText()} hide that
 * NUL so that no caller handles it by hand.
 */
public final class Opaque {

    public static final Opaque EMPTY = new Opaque(new byte[0]);

    private final byte[] bytes;

    private Opaque(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Opaque of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Opaque(bytes.clone());
    }

    /**
     * {@code bytes} themselves, not a copy: for bytes the caller hands over and never touches again, such as a
     * decoder's or a library call's output it has just allocated. Anything else goes through {@link #of}.
     */
    public static Opaque adopt(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Opaque(bytes);
    }

    /** The UTF-8 bytes of {@code text}, with no terminator. */
    public static Opaque utf8(String text) {
        return adopt(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 bytes of {@code text} followed by one NUL, as C callers put literal strings on the wire. */
    public static Opaque cString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return adopt(Arrays.copyOf(utf8, utf8.length + 1));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes as a read-only buffer (a view, not a copy), e.g. to hand them to a native call that copies them. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Whether the bytes are exactly {@code other}'s (not in constant time), without copying them. */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    /** The last {@code n} bytes, copied; {@code n} at most {@link #length()}. */
    public byte[] tail(int n) {
        return Arrays.copyOfRange(bytes, bytes.length - n, bytes.length);
    }

    /** Whether the last byte is a NUL, i.e. the bytes were sent as a C string. */
    public boolean endsWithNul() {
        return bytes.length > 0 && bytes[bytes.length - 1] == 0;
    }

    /** The bytes as UTF-8 text, without one trailing NUL if there is one. */
    public String toText() {
        int length = endsWithNul() ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Whether these bytes spell {@code text}, with or without one trailing NUL. */
    public boolean textEquals(String text) {
        return toText().equals(text);
    }

    /** Lower-case hex of the bytes; for tests and for the decoder's {@code --show-secrets} only. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The first 8 hex digits of the SHA-256 of the bytes: enough to tell two values apart, nothing more. */
    public String shortHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Writes the bytes to {@code writer} without a length (the caller chose fixed or variable framing). */
    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Opaque that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Length and short hash only: never the contents. */
    @Override
    public String toString() {
        return bytes.length == 0 ? "<0 bytes>" : "<" + bytes.length + " bytes #" + shortHash() + ">";
    }
}
