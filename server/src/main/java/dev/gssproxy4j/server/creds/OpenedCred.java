package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.server.cache.CredCache;
import dev.gssproxy4j.server.seal.Binding;

/**
 * A credential a call may use: opened from the client's handle, or acquired for it. Closing it ends the call's use:
 * a credential of its own is released (an imported credential's private MEMORY ccache goes with it), a credential
 * leased from the {@link CredCache} goes back to the cache.
 */
public final class OpenedCred implements AutoCloseable {

    private final GssCred cred;
    private final int targetUid;
    private final boolean fromHandle;
    private final AutoCloseable release;

    /**
     * A credential the call owns; closing this releases it.
     *
     * @param cred       the credential
     * @param targetUid  the target uid its handle is bound to ({@link Binding#NO_TARGET} unless a trusted service
     *                   acts for a uid); pass it to {@link CredentialPolicy#seal(GssCred, int)} when re-sealing
     * @param fromHandle true if it was opened from the client's handle, false if acquired in this call
     */
    public OpenedCred(GssCred cred, int targetUid, boolean fromHandle) {
        this(cred, targetUid, fromHandle, cred);
    }

    private OpenedCred(GssCred cred, int targetUid, boolean fromHandle, AutoCloseable release) {
        this.cred = cred;
        this.targetUid = targetUid;
        this.fromHandle = fromHandle;
        this.release = release;
    }

    /** A credential opened from the client's handle and leased from the cache; closing this ends the lease. */
    static OpenedCred leased(CredCache.Lease lease, int targetUid) {
        return new OpenedCred(lease.cred(), targetUid, true, lease);
    }

    public GssCred cred() {
        return cred;
    }

    public int targetUid() {
        return targetUid;
    }

    public boolean fromHandle() {
        return fromHandle;
    }

    @Override
    public void close() {
        try {
            release.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release a credential: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OpenedCred[" + cred + ", targetUid=" + (targetUid == Binding.NO_TARGET ? "none"
                : Integer.toUnsignedString(targetUid)) + ", fromHandle=" + fromHandle + "]";
    }
}
