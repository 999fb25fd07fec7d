package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrEnum;

/** RFC 5531 section 9: {@code enum reject_stat}, why the server denied a call. */
public enum RejectStat implements XdrEnum {
    /** RPC version not 2; carries the lowest and highest supported version. */
    RPC_MISMATCH(0),
    /** The caller failed authentication; carries an {@link AuthStat}. */
    AUTH_ERROR(1);

    private final int wireValue;

    RejectStat(int wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public int wireValue() {
        return wireValue;
    }
}
