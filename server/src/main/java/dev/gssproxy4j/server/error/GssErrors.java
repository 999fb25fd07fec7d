package dev.gssproxy4j.server.error;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssStatus;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;

/**
 * The one factory of GSS errors of the daemon's own making: a major status, an errno minor ({@link Errno}, or 0),
 * the mechanism (null when none) and a minor text that names the problem and the fix, since clients print it.
 * Handlers and the credential policy throw what it makes; the dispatcher turns every {@link GssException} into the
 * procedure's result and fills in the major status text there, from the library's {@code gss_display_status} (what
 * upstream sends), so nothing here needs the library.
 */
public final class GssErrors {

    /** MIT's GSS_S_CRED_UNAVAIL is GSS_S_FAILURE (gssapi_ext.h), which upstream returns for cred problems. */
    public static final MajorStatus CRED_UNAVAIL = MajorStatus.GSS_S_FAILURE;

    /** What the minor text of the credential policy's errors starts with, so a client sees whose words they are. */
    private static final String OURS = "gssproxy4j: ";
    private static final String FUNCTION = "gssproxy4j";

    private GssErrors() {}

    /** {@code major} with errno {@code minor} for mechanism {@code mech} (may be null); "gssproxy4j: explanation". */
    public static GssException of(MajorStatus major, Errno minor, Oid mech, String explanation) {
        return make(major, minor.code(), mech, OURS + explanation);
    }

    /** {@code major} with minor 0 for mechanism {@code mech} (may be null); "gssproxy4j: explanation". */
    public static GssException of(MajorStatus major, Oid mech, String explanation) {
        return make(major, 0, mech, OURS + explanation);
    }

    /** {@code major} with an errno the system returned (e.g. from {@code getgrouplist}); "gssproxy4j: explanation". */
    public static GssException ofSystemErrno(MajorStatus major, int errno, Oid mech, String explanation) {
        return make(major, Integer.toUnsignedLong(errno), mech, OURS + explanation);
    }

    /** GSS_S_CRED_UNAVAIL (= GSS_S_FAILURE) with minor EACCES, for the krb5 mechanism. */
    public static GssException refused(String explanation) {
        return of(CRED_UNAVAIL, Errno.EACCES, Oid.KRB5, explanation);
    }

    /**
     * {@code major} with errno {@code minor} (may be null: 0), no mechanism, and {@code minorText} sent as it is:
     * the procedures' own checks, whose texts say what they refuse without the credential policy's prefix.
     */
    public static GssException withText(MajorStatus major, Errno minor, String minorText) {
        return make(major, minor == null ? 0 : minor.code(), null, minorText);
    }

    /** {@code major} alone: minor 0, no mechanism, no minor text. */
    public static GssException bare(MajorStatus major) {
        return make(major, 0, null, "");
    }

    /**
     * {@code error} reporting {@code mech} when it names no mechanism, as upstream's ACQUIRE_CRED reports krb5 in
     * every status; {@code error} itself when it names one.
     */
    public static GssException withMech(GssException error, Oid mech) {
        GssStatus s = error.status();
        return s.mech() != null ? error : new GssException(error.function(), new GssStatus(s.major(), s.minor(), mech,
                s.majorMessage(), s.minorMessage()), error.errorToken().orElse(null));
    }

    /** {@code error} (the library's, codes kept) with {@code explanation} after its minor text. */
    public static GssException explained(GssException error, String explanation) {
        GssStatus s = error.status();
        return new GssException(error.function(), new GssStatus(s.major(), s.minor(), s.mech(), s.majorMessage(),
                s.minorMessage() + ". " + explanation), error.errorToken().orElse(null));
    }

    private static GssException make(MajorStatus major, long minor, Oid mech, String minorText) {
        // the major text is left empty: the dispatcher fills it in (Statuses), with the library's own words
        return new GssException(FUNCTION, new GssStatus(major.value(), minor, mech, "", minorText));
    }
}
