package dev.gssproxy4j.jgss.gss;

/**
 * A lifetime the daemon reported: seconds remaining when it answered (never an absolute time, whatever
 * {@code gss_proxy.x} says; behaviour reference, section 2), counted down here from the moment the answer arrived.
 * RFC 2744 GSS_C_INDEFINITE (0xffffffff) stays indefinite.
 */
record Lifetime(long secondsAtIssue, long issuedAtNanos) {

    /** RFC 2744 GSS_C_INDEFINITE, as the daemon sends it. */
    static final long INDEFINITE = 0xffff_ffffL;
    /** {@code GSSContext.INDEFINITE_LIFETIME} and {@code GSSCredential.INDEFINITE_LIFETIME}. */
    static final int JDK_INDEFINITE = Integer.MAX_VALUE;

    static Lifetime fromNow(long secondsAtIssue) {
        return new Lifetime(secondsAtIssue, System.nanoTime());
    }

    /** Seconds left, as the JDK counts them: 0 when over, {@link #JDK_INDEFINITE} for ever. */
    int remaining() {
        if (secondsAtIssue >= INDEFINITE) {
            return JDK_INDEFINITE;
        }
        long elapsed = (System.nanoTime() - issuedAtNanos) / 1_000_000_000L;
        return (int) Math.max(0, Math.min(JDK_INDEFINITE - 1L, secondsAtIssue - elapsed));
    }

    /**
     * A JDK lifetime request as a {@code time_req}: {@code DEFAULT_LIFETIME} (0) asks for the default (0 on the
     * wire), {@code INDEFINITE_LIFETIME} for GSS_C_INDEFINITE, anything else for that many seconds.
     */
    static long timeReq(int jdkLifetime) {
        if (jdkLifetime == JDK_INDEFINITE) {
            return INDEFINITE;
        }
        return Math.max(0, jdkLifetime);
    }
}
