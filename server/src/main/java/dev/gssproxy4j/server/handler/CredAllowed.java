package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.util.Optional;

/**
 * Upstream's {@code gp_cred_allowed} (src/gp_creds.c), checked before INIT_SEC_CONTEXT uses a credential: a
 * credential obtained by S4U2Self (it has an impersonator: "evidence" of the user's identity, e.g. from
 * ACQUIRE_CRED with {@code acquire_type=impersonate_name}) may be used only towards the impersonator itself,
 * unless the service is {@code trusted}, {@code impersonate} or {@code allow_constrained_delegation}: any other
 * target would be S4U2Proxy (constrained delegation), which the service must be configured for. Refusals are
 * GSS_S_UNAUTHORIZED, as upstream's.
 */
final class CredAllowed {

    private CredAllowed() {}

    /** Asks the mechanism about the credential. */
    static void check(ServiceConfig service, GssCred cred, GssName target) {
        if (service.trusted() || service.impersonate() || service.allowConstrainedDelegation()) {
            return;
        }
        Optional<String> impersonator = cred.impersonator();
        if (impersonator.isEmpty() || targets(target, impersonator.get())) {
            return;
        }
        throw GssErrors.of(MajorStatus.GSS_S_UNAUTHORIZED, Errno.EACCES, Oid.KRB5, "service '"
                + service.name() + "' may use an impersonated (S4U2Self) credential only towards its impersonator"
                + " itself; other targets need constrained delegation: set allow_constrained_delegation = yes in"
                + " [service/" + service.name() + "]");
    }

    /** Upstream's {@code check_impersonator_name}: the target, canonicalized for krb5, displays as the principal. */
    private static boolean targets(GssName target, String impersonator) {
        if (target == null) {
            return false;
        }
        try (GssName canonical = target.canonicalize(Oid.KRB5)) {
            return canonical.display().text().equals(impersonator);
        }
    }
}
