package dev.gssproxy4j.mech;

import java.util.Optional;

/**
 * A GSS-API call returned an error major status ({@code GSS_ERROR(major)} in C). Carries the complete
 * {@link GssStatus}, the name of the C function that failed and, for context establishment, the error token the
 * mechanism produced for the peer (e.g. a KRB-ERROR), which must be handed on but never printed.
 *
 * <p>The message names the status and quotes {@code gss_display_status}; it never contains a token.
 */
public final class GssException extends RuntimeException {

    private final String function;
    private final GssStatus status;
    private final byte[] errorToken;

    public GssException(String function, GssStatus status) {
        this(function, status, null);
    }

    public GssException(String function, GssStatus status, byte[] errorToken) {
        super(function + " failed: " + status);
        this.function = function;
        this.status = status;
        this.errorToken = errorToken == null || errorToken.length == 0 ? null : errorToken.clone();
    }

    /** The C function that failed, e.g. {@code gss_acquire_cred_from}. */
    public String function() {
        return function;
    }

    public GssStatus status() {
        return status;
    }

    /** The raw 32-bit major status. */
    public long major() {
        return status.major();
    }

    /** The raw 32-bit minor status. */
    public long minor() {
        return status.minor();
    }

    public Oid mech() {
        return status.mech();
    }

    /** The routine error (else the calling error) as a name. */
    public MajorStatus majorStatus() {
        return status.primary();
    }

    /** A token the mechanism produced alongside the error, to send to the peer if the protocol allows. */
    public Optional<byte[]> errorToken() {
        return Optional.ofNullable(errorToken).map(byte[]::clone);
    }
}
