package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrEnum;

/** RFC 5531 section 9: {@code enum auth_stat}, with the RPCSEC_GSS values of RFC 2203 section 5.3.3.3. */
public enum AuthStat implements XdrEnum {
    AUTH_OK(0),
    AUTH_BADCRED(1),
    AUTH_REJECTEDCRED(2),
    AUTH_BADVERF(3),
    AUTH_REJECTEDVERF(4),
    AUTH_TOOWEAK(5),
    AUTH_INVALIDRESP(6),
    AUTH_FAILED(7),
    AUTH_KERB_GENERIC(8),
    AUTH_TIMEEXPIRE(9),
    AUTH_TKT_FILE(10),
    AUTH_DECODE(11),
    AUTH_NET_ADDR(12),
    RPCSEC_GSS_CREDPROBLEM(13),
    RPCSEC_GSS_CTXPROBLEM(14);

    private final int wireValue;

    AuthStat(int wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public int wireValue() {
        return wireValue;
    }
}
