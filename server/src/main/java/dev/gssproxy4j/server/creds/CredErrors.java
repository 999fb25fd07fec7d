package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssStatus;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;

/**
 * GSS errors of the daemon's own making, as {@link GssException}s the dispatcher turns into a {@code gssx_status}:
 * the major text is the library's {@code gss_display_status} text (what upstream sends), the minor an errno as
 * upstream uses them (EACCES for refusals, EINVAL for bad arguments, ENOENT for unknown users), and the minor text
 * names the problem and the fix, since clients print it.
 */
public final class CredErrors {

    /** errno EACCES. */
    public static final long EACCES = 13;
    /** errno EINVAL. */
    public static final long EINVAL = 22;
    /** errno ENOENT. */
    public static final long ENOENT = 2;

    /** MIT's GSS_S_CRED_UNAVAIL is GSS_S_FAILURE (gssapi_ext.h), which upstream returns for cred problems. */
    public static final MajorStatus CRED_UNAVAIL = MajorStatus.GSS_S_FAILURE;

    private static final String FUNCTION = "gssproxy4j credential policy";

    private CredErrors() {}

    /** A failure with {@code major}, errno {@code minor}, mechanism {@code mech} (may be null) and an explanation. */
    public static GssException of(Gss gss, MajorStatus major, long minor, Oid mech, String explanation) {
        String majorText = gss.displayStatus(major.value(), 0, null).majorMessage();
        return new GssException(FUNCTION, new GssStatus(major.value(), minor, mech, majorText,
                "gssproxy4j: " + explanation));
    }

    /** GSS_S_CRED_UNAVAIL (= GSS_S_FAILURE) with minor EACCES, for the krb5 mechanism. */
    public static GssException refused(Gss gss, String explanation) {
        return of(gss, CRED_UNAVAIL, EACCES, Oid.KRB5, explanation);
    }
}
