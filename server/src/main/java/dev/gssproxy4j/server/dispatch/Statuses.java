package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.mech.GssStatus;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.xdr.Opaque;

/**
 * Builds {@code gssx_status} values the way upstream's {@code gp_conv_status_to_gssx} does: RFC 2744 major, the
 * mechanism OID (empty when none), the minor as an unsigned 32-bit number, and the display strings sent as C
 * strings (with their NUL), empty for a zero code.
 */
public final class Statuses {

    /** errno EACCES, the minor code upstream uses for permission problems. */
    public static final long EACCES = 13;
    /** errno EINVAL, the minor code upstream uses for invalid arguments and options. */
    public static final long EINVAL = 22;
    /** errno EAGAIN: try again later (the daemon's GSS calls are saturated). */
    public static final long EAGAIN = 11;
    /** errno EMSGSIZE: a result too large for one record. */
    public static final long EMSGSIZE = 90;

    private Statuses() {}

    public static GssxStatus of(GssStatus status) {
        return GssxStatus.of(status.major(), oid(status.mech()), status.minor(), status.majorMessage(),
                status.minorMessage());
    }

    /** A status of our own making, e.g. an authorization refusal, with its explanation as the minor text. */
    public static GssxStatus of(MajorStatus major, long minor, String majorText, String explanation) {
        return GssxStatus.of(major.value(), Opaque.EMPTY, minor, majorText, explanation);
    }

    /** GSS_S_FAILURE with an errno-style minor code and an explanation that names the problem and the fix. */
    public static GssxStatus failure(long minor, String explanation) {
        return of(MajorStatus.GSS_S_FAILURE, minor,
                "Unspecified GSS failure.  Minor code may provide more information", explanation);
    }

    public static Opaque oid(Oid oid) {
        return oid == null ? Opaque.EMPTY : Opaque.of(oid.der());
    }
}
