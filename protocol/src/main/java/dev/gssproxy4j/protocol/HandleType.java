package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.XdrEnum;
import java.util.Optional;

/**
 * {@code enum gssx_handle_type}, the discriminant of {@link GssxHandle}. The union has a {@code default} arm, so
 * other values are legal on the wire; {@link #fromWire} says whether a value is one of the two named ones.
 */
public enum HandleType implements XdrEnum {
    SEC_CTX(0),
    CRED(1);

    private final int wireValue;

    HandleType(int wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public int wireValue() {
        return wireValue;
    }

    /** The {@code gss_proxy.x} name, e.g. {@code GSSX_C_HANDLE_CRED}. */
    public String xdrName() {
        return "GSSX_C_HANDLE_" + name();
    }

    public static Optional<HandleType> fromWire(int value) {
        return Optional.ofNullable(XdrEnum.fromWire(HandleType.class, value));
    }
}
