package dev.gssproxy4j.server.seal;

/**
 * A sealed handle that cannot be opened. The message names the problem and what the client should do, and never
 * quotes the handle's bytes. Checked, because each procedure reacts differently: upstream gssproxy treats an
 * unreadable credential handle as GSS_C_NO_CREDENTIAL and silently re-acquires ({@code gp_export.c}), while a bad
 * partial context ends the INIT exchange.
 */
public final class HandleException extends Exception {

    /** Why the handle did not open, so callers can choose a GSS status without parsing the message. */
    public enum Reason {
        /** Too short, over the size cap, or an unknown format version: not a gssproxy4j handle at all. */
        MALFORMED,
        /** Sealed with a key id this keyring does not hold: another install, upstream gssproxy, or a pruned key. */
        UNKNOWN_KEY,
        /**
         * The GCM tag did not verify: the handle was altered, or it is bound to another uid, service, target or
         * kind. GCM authenticates all of these at once and cannot say which one differs.
         */
        FORGED,
        /** Authentic, but its expiry has passed. */
        EXPIRED
    }

    private final Reason reason;

    public HandleException(Reason reason, String message) {
        super(message + " (" + reason + ")");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
