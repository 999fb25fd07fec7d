package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.server.seal.Binding;

/**
 * A credential a call may use: opened from the client's handle, or acquired for it. Closing it releases the
 * credential (an imported credential's private MEMORY ccache goes with it).
 *
 * @param cred      the credential
 * @param targetUid the target uid its handle is bound to ({@link Binding#NO_TARGET} unless a trusted service acts
 *                  for a uid); pass it to {@link CredentialPolicy#seal(GssCred, int)} when re-sealing
 * @param fromHandle true if it was opened from the client's handle, false if acquired in this call
 */
public record OpenedCred(GssCred cred, int targetUid, boolean fromHandle) implements AutoCloseable {

    @Override
    public void close() {
        cred.close();
    }
}
