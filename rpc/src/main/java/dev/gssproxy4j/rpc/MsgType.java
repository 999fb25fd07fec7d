package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrEnum;

/** RFC 5531 section 9: {@code enum msg_type}. */
public enum MsgType implements XdrEnum {
    CALL(0),
    REPLY(1);

    private final int wireValue;

    MsgType(int wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public int wireValue() {
        return wireValue;
    }
}
