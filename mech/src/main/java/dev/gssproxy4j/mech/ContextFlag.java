package dev.gssproxy4j.mech;

import java.util.EnumSet;
import java.util.Set;

/**
 * Context flags ({@code req_flags}/{@code ret_flags}, RFC 2744 section 5.19 and MIT's {@code gssapi_ext.h}).
 * Carries the bit; {@link #of(int)} and {@link #mask(Set)} convert a C bit mask.
 */
public enum ContextFlag {
    DELEG(1),
    MUTUAL(2),
    REPLAY(4),
    SEQUENCE(8),
    CONF(16),
    INTEG(32),
    ANON(64),
    PROT_READY(128),
    TRANS(256),
    CHANNEL_BOUND(2048),
    DCE_STYLE(0x1000),
    IDENTIFY(0x2000),
    EXTENDED_ERROR(0x4000),
    DELEG_POLICY(0x8000);

    private final int bit;

    ContextFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** True when {@code flags} has this bit. */
    public boolean in(int flags) {
        return (flags & bit) != 0;
    }

    /** The known flags set in {@code flags}; unknown bits are ignored. */
    public static Set<ContextFlag> of(int flags) {
        Set<ContextFlag> set = EnumSet.noneOf(ContextFlag.class);
        for (ContextFlag f : values()) {
            if (f.in(flags)) {
                set.add(f);
            }
        }
        return set;
    }

    /** The C bit mask of {@code flags}. */
    public static int mask(Set<ContextFlag> flags) {
        int m = 0;
        for (ContextFlag f : flags) {
            m |= f.bit;
        }
        return m;
    }
}
