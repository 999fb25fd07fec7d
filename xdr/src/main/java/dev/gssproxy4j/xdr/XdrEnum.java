package dev.gssproxy4j.xdr;

/** An enum whose constants carry their XDR wire value (RFC 4506 section 4.3). */
public interface XdrEnum {

    int wireValue();

    /**
     * The constant of {@code type} whose wire value is {@code value}, or null if none has it. Decoders use
     * {@link XdrReader#readEnum} instead, which turns null into a {@link XdrDecodeException.Reason#BAD_ENUM}.
     */
    static <E extends Enum<E> & XdrEnum> E fromWire(Class<E> type, int value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireValue() == value) {
                return constant;
            }
        }
        return null;
    }
}
