package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredInfo;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.error.GssErrors;
import java.util.Optional;

/**
 * Upstream's {@code gp_check_cred}: may a client's input credential be handed back instead of acquiring a new one?
 * It must have a krb5 element, be for the desired name, allow the requested usage and have more than
 * {@code min_lifetime} seconds left. Wrong usage or too little time means "acquire again"; a missing krb5 element
 * or another name is an error (GSS_S_CRED_UNAVAIL).
 */
final class CredCheck {

    /** What to do with the input credential. */
    enum Verdict {
        /** Return it as it is. */
        REUSE,
        /** Acquire a fresh one (expired, too short, or the wrong usage). */
        REACQUIRE
    }

    private CredCheck() {}

    /** May block: inquires a credential that may read a ccache. */
    static Verdict check(Gss gss, GssCred cred, Optional<GssxName> desiredName, CredUsage usage,
                         int minLifetime) {
        try (CredInfo info = gss.inquireCred(cred)) {
            if (!info.mechs().contains(Oid.KRB5)) {
                throw GssErrors.of(GssErrors.CRED_UNAVAIL, Oid.KRB5,
                        "the input credential has no krb5 element");
            }
            if (desiredName.isPresent() && !sameName(gss, info.name(), desiredName.get())) {
                throw GssErrors.of(GssErrors.CRED_UNAVAIL, Oid.KRB5, "the input credential is for "
                        + "another name than desired_name; pass no input credential to acquire one for that name");
            }
            if (!usageAllows(info.usage(), usage)) {
                return Verdict.REACQUIRE;
            }
            long lifetime = info.lifetime();
            if (lifetime == 0 || (minLifetime > 0 && lifetime < minLifetime)) {
                return Verdict.REACQUIRE;
            }
            return Verdict.REUSE;
        } catch (GssException e) {
            MajorStatus major = e.majorStatus();
            if (major == MajorStatus.GSS_S_CREDENTIALS_EXPIRED || major == MajorStatus.GSS_S_NO_CRED
                    || major == MajorStatus.GSS_S_DEFECTIVE_CREDENTIAL) {
                // gss_inquire_cred of an expired credential fails with these: upstream acquires anew
                return Verdict.REACQUIRE;
            }
            throw e;
        }
    }

    private static boolean sameName(Gss gss, GssName credName, GssxName desired) {
        if (credName == null) {
            return false;
        }
        Optional<GssName> wanted = Names.importName(gss, desired);
        if (wanted.isEmpty()) {
            return true;
        }
        try (GssName w = wanted.get()) {
            return gss.compare(w, credName);
        }
    }

    /** Upstream: ACCEPT needs not-INITIATE, INITIATE needs not-ACCEPT, BOTH needs BOTH. */
    private static boolean usageAllows(CredUsage has, CredUsage wanted) {
        return switch (wanted) {
            case ACCEPT -> has != CredUsage.INITIATE;
            case INITIATE -> has != CredUsage.ACCEPT;
            case BOTH -> has == CredUsage.BOTH;
        };
    }
}
