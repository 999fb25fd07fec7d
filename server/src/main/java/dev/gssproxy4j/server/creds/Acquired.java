package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.server.seal.Binding;

/**
 * The credential an acquisition produced.
 *
 * @param cred        the credential; the caller closes it unless {@code reusedInput}
 * @param reusedInput true when the input credential passed upstream's {@code gp_check_cred} and is returned as
 *                    it is ({@code cred} is then the caller's input, and ACQUIRE_CRED echoes the input handle)
 * @param targetUid   the uid a trusted service acquired for (bound into the sealed handle), else
 *                    {@link Binding#NO_TARGET}
 */
public record Acquired(GssCred cred, boolean reusedInput, int targetUid) {
}
