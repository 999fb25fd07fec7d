package dev.gssproxy4j.xdr;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes XDR items (RFC 4506) into a growing buffer that refuses to grow past a fixed maximum, so an encoder can
 * never build a message larger than the peer is allowed to receive.
 */
public final class XdrWriter {

    private final int maxSize;
    private byte[] buffer;
    private int position;

    /** A writer whose output may not exceed {@code maxSize} bytes. */
    public XdrWriter(int maxSize) {
        this(Math.min(maxSize, 512), maxSize);
    }

    public XdrWriter(int initialCapacity, int maxSize) {
        this.maxSize = maxSize;
        this.buffer = new byte[Math.max(16, Math.min(initialCapacity, maxSize))];
    }

    /**
     * A writer that writes into {@code scratch} first (moving to a larger array of its own if the output
     * outgrows it) and hands out only copies ({@link #toByteArray()}): a thread that encodes message after message
     * reuses one scratch array instead of growing a new buffer each time. {@code scratch} is the caller's to reuse
     * once the writer is done; the writer never shares it.
     */
    public XdrWriter(byte[] scratch, int maxSize) {
        this.maxSize = maxSize;
        this.buffer = scratch;
    }

    public int position() {
        return position;
    }

    public XdrWriter writeInt(int value) {
        ensure(4);
        putInt(position, value);
        position += 4;
        return this;
    }

    /** An unsigned int given as the low 32 bits of {@code value}. */
    public XdrWriter writeUnsignedInt(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("unsigned int out of range: " + value);
        }
        return writeInt((int) value);
    }

    /** A hyper or unsigned hyper (the bit pattern of {@code value}). */
    public XdrWriter writeHyper(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    public XdrWriter writeBool(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    public XdrWriter writeEnum(XdrEnum value) {
        return writeInt(value.wireValue());
    }

    /** The bytes without a length, padded with zeros to a multiple of four. */
    public XdrWriter writeFixedOpaque(Opaque value) {
        int length = value.length();
        int padded = (int) XdrReader.padded(length);
        ensure(padded);
        value.copyTo(buffer, position);
        Arrays.fill(buffer, position + length, position + padded, (byte) 0);
        position += padded;
        return this;
    }

    /** A length, the bytes, and zero padding to a multiple of four. */
    public XdrWriter writeOpaque(Opaque value) {
        writeInt(value.length());
        return writeFixedOpaque(value);
    }

    public <T> XdrWriter writeOptional(Optional<T> value, XdrEncoder<T> encoder) {
        writeBool(value.isPresent());
        value.ifPresent(v -> encoder.encode(this, v));
        return this;
    }

    public <T> XdrWriter writeArray(List<T> values, XdrEncoder<T> encoder) {
        writeInt(values.size());
        for (T value : values) {
            encoder.encode(this, value);
        }
        return this;
    }

    /** Overwrites four bytes already written, e.g. a record mark reserved before the message was encoded. */
    public XdrWriter patchInt(int offset, int value) {
        if (offset < 0 || offset + 4 > position) {
            throw new IllegalArgumentException("patch at " + offset + " outside the " + position + " bytes written");
        }
        putInt(offset, value);
        return this;
    }

    /** A copy of everything written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    private void putInt(int at, int value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    private void ensure(int bytes) {
        long needed = (long) position + bytes;
        if (needed > maxSize) {
            throw new XdrSizeException(needed, maxSize);
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxSize, Math.max(needed, 2L * buffer.length)));
        }
    }
}
