package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.server.log.DaemonLog;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A per-call MEMORY ccache, upstream's {@code ensure_segregated_ccache}: when a service's cred store names no
 * {@code ccache}, tickets must not land in (or be read from) the daemon's own default ccache, so every call gets a
 * private in-memory one. Upstream names it {@code MEMORY:internal_<tid>} and destroys it when the call ends; a
 * thread id would be reused by the next call on the same pool thread, so the name here is random (128 bits) and
 * never reused. The tickets survive the call only inside the exported credential ({@code gss_export_cred}
 * serializes the contents of a MEMORY ccache, not its name), i.e. inside the client's sealed handle.
 *
 * <p>MIT keeps a MEMORY ccache until {@code krb5_cc_destroy}; releasing the credential only closes it, so
 * {@link #close()} destroys it ({@link Gss#destroyCcache}), as upstream's {@code safe_free_mem_ccache} does.
 * Acceptor-only acquisitions never get one (MIT does not use a ccache to accept, yet resolving the name would
 * create it).
 *
 * @param name the ccache name, e.g. {@code MEMORY:gssproxy4j_3f9c...}
 */
public record SegregatedCcache(Gss gss, String name) implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh, never reused {@code MEMORY:gssproxy4j_<32 hex digits>}. */
    public static SegregatedCcache create(Gss gss) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return new SegregatedCcache(gss, "MEMORY:gssproxy4j_" + HexFormat.of().formatHex(id));
    }

    /** Destroys the ccache and the tickets in it; a failure is logged, never thrown (the call is over). */
    @Override
    public void close() {
        try {
            gss.destroyCcache(name);
        } catch (GssException e) {
            // once per call: a failing library could otherwise fill the log at the callers' pace
            DaemonLog.errorFrom(DaemonLog.UNKNOWN_UID, "cannot destroy a private MEMORY ccache",
                    "cannot destroy a private MEMORY ccache: " + e.status());
        }
    }

    @Override
    public String toString() {
        return "SegregatedCcache[MEMORY:gssproxy4j_…]";
    }
}
