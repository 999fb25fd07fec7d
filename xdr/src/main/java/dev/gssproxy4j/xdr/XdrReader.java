package dev.gssproxy4j.xdr;

import dev.gssproxy4j.xdr.XdrDecodeException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads XDR items (RFC 4506) from a byte array, refusing any length that exceeds the bytes that remain or the
 * configured {@link XdrLimits} before it allocates anything.
 *
 * <p>Every read names its field; {@link #struct} nests names so that an error says, for example,
 * {@code accept_sec_context.context_handle.src_name.display_name: length 4294967295 exceeds the 12 bytes left at
 * offset 156}. A reader is not thread-safe; it is meant to live for one message.
 */
public final class XdrReader {

    private static final int MAX_DEPTH = 32;

    private final byte[] buffer;
    private final int limit;
    private final XdrLimits limits;
    private final String[] path = new String[MAX_DEPTH];
    private int depth;
    private int position;

    public XdrReader(byte[] buffer, XdrLimits limits) {
        this(buffer, 0, buffer.length, limits);
    }

    /** Reads {@code buffer[offset, limit)}; offsets in errors are relative to the start of {@code buffer}. */
    public XdrReader(byte[] buffer, int offset, int limit, XdrLimits limits) {
        if (offset < 0 || limit > buffer.length || offset > limit) {
            throw new IllegalArgumentException("window [" + offset + ", " + limit + ") outside " + buffer.length);
        }
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
        this.limits = limits;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return limit - position;
    }

    public XdrLimits limits() {
        return limits;
    }

    /** Decodes a nested structure, naming it in the path of any error raised inside. */
    public <T> T struct(String name, XdrDecoder<T> decoder) {
        if (depth == MAX_DEPTH) {
            throw fail(Reason.BAD_VALUE, name, "structures nested deeper than " + MAX_DEPTH);
        }
        path[depth++] = name;
        try {
            return decoder.decode(this);
        } finally {
            depth--;
        }
    }

    public int readInt(String field) {
        require(field, 4);
        int value = ((buffer[position] & 0xff) << 24) | ((buffer[position + 1] & 0xff) << 16)
                | ((buffer[position + 2] & 0xff) << 8) | (buffer[position + 3] & 0xff);
        position += 4;
        return value;
    }

    public long readUnsignedInt(String field) {
        return Integer.toUnsignedLong(readInt(field));
    }

    /** A hyper or unsigned hyper; an unsigned value keeps its bit pattern (see {@link Long#toUnsignedString}). */
    public long readHyper(String field) {
        long high = readUnsignedInt(field);
        long low = readUnsignedInt(field);
        return (high << 32) | low;
    }

    /** RFC 4506 section 4.4: a bool is an enum of exactly 0 and 1; anything else is refused. */
    public boolean readBool(String field) {
        int start = position;
        int value = readInt(field);
        return switch (value) {
            case 0 -> false;
            case 1 -> true;
            default -> throw failAt(Reason.BAD_BOOL, start, field, "bool value " + Integer.toUnsignedString(value));
        };
    }

    public <E extends Enum<E> & XdrEnum> E readEnum(String field, Class<E> type) {
        int start = position;
        int value = readInt(field);
        E constant = XdrEnum.fromWire(type, value);
        if (constant == null) {
            throw failAt(Reason.BAD_ENUM, start, field, "no " + type.getSimpleName() + " has value " + value);
        }
        return constant;
    }

    /** Exactly {@code length} bytes, plus padding to a multiple of four. */
    public Opaque readFixedOpaque(String field, int length) {
        requirePadded(field, length);
        return Opaque.adopt(take(length));
    }

    /** A variable-length opaque of at most {@code max} bytes (and never more than the configured cap). */
    public Opaque readOpaque(String field, int max) {
        int start = position;
        long length = readUnsignedInt(field);
        int cap = Math.min(max, limits.maxOpaque());
        if (length > cap) {
            throw failAt(Reason.OVER_CAP, start, field, "length " + length + " exceeds the cap of " + cap);
        }
        if (padded(length) > remaining()) {
            throw failAt(Reason.TRUNCATED, start, field,
                    "length " + length + " exceeds the " + remaining() + " bytes left");
        }
        return Opaque.adopt(take((int) length));
    }

    /** A variable-length opaque bounded only by the configured cap. */
    public Opaque readOpaque(String field) {
        return readOpaque(field, Integer.MAX_VALUE);
    }

    /** An optional-data item ({@code type *field}): a bool discriminant, then the value if it is true. */
    public <T> Optional<T> readOptional(String field, XdrDecoder<T> decoder) {
        return readBool(field) ? Optional.of(struct(field, decoder)) : Optional.empty();
    }

    /**
     * A variable-length array of at most {@code max} elements. The count is checked against the cap and against
     * the bytes left (every XDR item takes at least four bytes) before any element is decoded.
     */
    public <T> List<T> readArray(String field, int max, XdrDecoder<T> decoder) {
        int start = position;
        long count = readUnsignedInt(field);
        int cap = Math.min(max, limits.maxArrayCount());
        if (count > cap) {
            throw failAt(Reason.OVER_CAP, start, field, "element count " + count + " exceeds the cap of " + cap);
        }
        if (count * 4 > remaining()) {
            throw failAt(Reason.TRUNCATED, start, field,
                    "element count " + count + " cannot fit in the " + remaining() + " bytes left");
        }
        List<T> elements = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            elements.add(struct(field + "[" + i + "]", decoder));
        }
        return List.copyOf(elements);
    }

    public <T> List<T> readArray(String field, XdrDecoder<T> decoder) {
        return readArray(field, Integer.MAX_VALUE, decoder);
    }

    /** Fails unless every byte of the window has been read. */
    public void expectEnd(String what) {
        if (position != limit) {
            throw fail(Reason.TRAILING_BYTES, what, remaining() + " bytes left after the end of " + what);
        }
    }

    /** An error at the current position, for decoders that find a value they do not allow. */
    public XdrDecodeException fail(Reason reason, String field, String detail) {
        return failAt(reason, position, field, detail);
    }

    public XdrDecodeException failAt(Reason reason, int offset, String field, String detail) {
        return new XdrDecodeException(reason, offset, qualified(field), detail);
    }

    private String qualified(String field) {
        if (depth == 0) {
            return field;
        }
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            name.append(path[i]).append('.');
        }
        return name.append(field).toString();
    }

    private void require(String field, int bytes) {
        if (bytes > remaining()) {
            throw fail(Reason.TRUNCATED, field, "needs " + bytes + " bytes but " + remaining() + " are left");
        }
    }

    private void requirePadded(String field, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative fixed length " + length);
        }
        require(field, (int) Math.min(Integer.MAX_VALUE, padded(length)));
    }

    private byte[] take(int length) {
        byte[] value = Arrays.copyOfRange(buffer, position, position + length);
        position += (int) padded(length);
        return value;
    }

    /** RFC 4506 section 4.9: opaque data is padded with zero bytes to a multiple of four. */
    static long padded(long length) {
        return (length + 3) & ~3L;
    }
}
