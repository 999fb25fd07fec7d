package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrEnum;

/** RFC 5531 section 9: {@code enum accept_stat}, the outcome of a call the server accepted. */
public enum AcceptStat implements XdrEnum {
    SUCCESS(0),
    PROG_UNAVAIL(1),
    /** Carries the lowest and highest supported version. */
    PROG_MISMATCH(2),
    PROC_UNAVAIL(3),
    GARBAGE_ARGS(4),
    SYSTEM_ERR(5);

    private final int wireValue;

    AcceptStat(int wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public int wireValue() {
        return wireValue;
    }
}
