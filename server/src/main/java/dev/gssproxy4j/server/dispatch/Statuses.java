package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssStatus;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.xdr.Opaque;

/**
 * Builds {@code gssx_status} values the way upstream's {@code gp_conv_status_to_gssx} does: RFC 2744 major, the
 * mechanism OID (empty when none), the minor as an unsigned 32-bit number, and the display strings sent as C
 * strings (with their NUL), empty for a zero code. {@link #failure} is the one mapping of a thrown error to a
 * procedure's result, and where the major text of the daemon's own errors is filled in.
 */
public final class Statuses {

    private Statuses() {}

    /** {@code status} as it is (a result's status, or an error that carries its texts). */
    public static GssxStatus of(GssStatus status) {
        return GssxStatus.of(status.major(), oid(status.mech()), status.minor(), status.majorMessage(),
                status.minorMessage());
    }

    /**
     * {@code status} with a missing major text filled in from {@code gss_display_status}: the errors of the daemon's
     * own making ({@link dev.gssproxy4j.server.error.GssErrors}) carry none, the library's carry theirs.
     */
    public static GssxStatus of(GssStatus status, Gss gss) {
        if (!status.majorMessage().isEmpty() || status.major() == 0) {
            return of(status);
        }
        return GssxStatus.of(status.major(), oid(status.mech()), status.minor(),
                gss.displayStatus(status.major(), 0, null).majorMessage(), status.minorMessage());
    }

    /** {@code handler}'s result for the error it threw: only its status, completed by {@link #of(GssStatus, Gss)}. */
    public static <R extends GssxRes> R failure(ProcedureHandler<?, R> handler, GssException error, Gss gss) {
        return handler.failure(of(error.status(), gss));
    }

    /** A status with a major text of gssproxy4j's own (not the library's) and {@code explanation} as minor text. */
    static GssxStatus of(MajorStatus major, Errno minor, String majorText, String explanation) {
        return GssxStatus.of(major.value(), Opaque.EMPTY, minor.code(), majorText, explanation);
    }

    public static Opaque oid(Oid oid) {
        return oid == null ? Opaque.EMPTY : Opaque.of(oid.der());
    }
}
