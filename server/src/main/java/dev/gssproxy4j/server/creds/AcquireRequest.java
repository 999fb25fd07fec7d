package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.protocol.GssxName;
import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of one krb5 acquisition, as upstream's {@code gp_add_krb5_creds} takes them.
 *
 * @param type        normal, or S4U2Self with {@code inputCred} as the impersonator
 * @param inputCred   the client's credential (opened from its handle), still owned by the caller
 * @param desiredName the client's {@code desired_name}; empty is GSS_C_NO_NAME
 * @param usage       the requested usage (narrowed to the service's {@code cred_usage} by the policy)
 */
public record AcquireRequest(AcquireType type, Optional<GssCred> inputCred, Optional<GssxName> desiredName,
                             CredUsage usage) {

    public AcquireRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(inputCred, "inputCred");
        Objects.requireNonNull(desiredName, "desiredName");
        Objects.requireNonNull(usage, "usage");
    }

    /** A normal acquisition without input credential, e.g. the default credential of INIT or ACCEPT. */
    public static AcquireRequest normal(Optional<GssxName> desiredName, CredUsage usage) {
        return new AcquireRequest(AcquireType.NORMAL, Optional.empty(), desiredName, usage);
    }
}
