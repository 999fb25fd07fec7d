package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrEnum;

/** RFC 5531 section 9: {@code enum reply_stat}. */
public enum ReplyStat implements XdrEnum {
    MSG_ACCEPTED(0),
    MSG_DENIED(1);

    private final int wireValue;

    ReplyStat(int wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public int wireValue() {
        return wireValue;
    }
}
