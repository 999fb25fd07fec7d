package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.XdrEnum;

/** {@code enum gssx_cred_usage}: RFC 2743 credential usage. Any other wire value is refused (BAD_ENUM). */
public enum CredUsage implements XdrEnum {
    INITIATE(1),
    ACCEPT(2),
    BOTH(3);

    private final int wireValue;

    CredUsage(int wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public int wireValue() {
        return wireValue;
    }

    /** The {@code gss_proxy.x} name, e.g. {@code GSSX_C_ACCEPT}. */
    public String xdrName() {
        return "GSSX_C_" + name();
    }
}
