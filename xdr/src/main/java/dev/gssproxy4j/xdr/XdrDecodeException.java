package dev.gssproxy4j.xdr;

/**
 * A message that is not valid XDR for the type being decoded. It names what failed, the field it failed in and
 * the byte offset inside the decoded buffer, and never quotes the buffer's contents (they may be tokens or keys).
 */
public final class XdrDecodeException extends RuntimeException {

    /** What went wrong, so callers can react without parsing the message. */
    public enum Reason {
        /** Fewer bytes remain than the item needs. */
        TRUNCATED,
        /** A length or element count is larger than the configured cap. */
        OVER_CAP,
        /** A bool that is neither 0 nor 1 (RFC 4506 section 4.4). */
        BAD_BOOL,
        /** An enum or union discriminant with a value the type does not define. */
        BAD_ENUM,
        /** Bytes left over after the whole message was decoded. */
        TRAILING_BYTES,
        /** A value that is well-formed XDR but not allowed here. */
        BAD_VALUE
    }

    private final Reason reason;
    private final int offset;
    private final String field;

    public XdrDecodeException(Reason reason, int offset, String field, String detail) {
        super(field + ": " + detail + " at offset " + offset + " (" + reason + ")");
        this.reason = reason;
        this.offset = offset;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** Offset, inside the decoded buffer, of the item that failed. */
    public int offset() {
        return offset;
    }

    /** Dotted path of the field that failed, e.g. {@code accept_sec_context.input_token}. */
    public String field() {
        return field;
    }
}
