package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.AcceptResult;
import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredInfo;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.server.seal.Binding;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Upstream's {@code gp_add_krb5_creds} (src/gp_creds.c): reuse a still valid input credential, else acquire from
 * the service's cred store, or impersonate. Every method may block (KDC, keytab, ccache): the dispatcher runs the
 * whole request under a permit.
 *
 * <p>Impersonation follows upstream: for a user request of an {@code impersonate} service the service's own
 * credential (its keytab, {@code krb5_principal}) gets an S4U2Self ticket for the user, then a context from the
 * user to the service itself is established so that the acceptor's delegated credential (the S4U2Proxy evidence)
 * becomes the user's credential. With {@code acquire_type=impersonate_name} the client's input credential is the
 * impersonator and the S4U2Self credential is returned directly.
 */
final class Krb5Acquirer {

    private static final List<Oid> KRB5 = List.of(Oid.KRB5);
    private static final int S4U_SELF_FLAGS = ContextFlag.REPLAY.bit() | ContextFlag.SEQUENCE.bit();

    private final Gss gss;
    private final ServiceConfig service;
    private final EnvironmentResolver resolver;
    private final Supplier<SegregatedCcache> ccaches;

    Krb5Acquirer(Gss gss, ServiceConfig service, EnvironmentResolver resolver, Supplier<SegregatedCcache> ccaches) {
        this.gss = gss;
        this.service = service;
        this.resolver = resolver;
        this.ccaches = ccaches;
    }

    Acquired acquire(AcquireRequest request) {
        GssCred input = request.inputCred().orElse(null);
        if (input != null && request.type() == AcquireType.NORMAL && CredCheck.check(gss, input,
                request.desiredName(), request.usage(), service.minLifetime())
                == CredCheck.Verdict.REUSE) {
            return new Acquired(input, true, Binding.NO_TARGET);
        }
        if (request.type() == AcquireType.IMPERSONATE_NAME) {
            return new Acquired(impersonateName(input, request), false, Binding.NO_TARGET);
        }
        try (CredEnvironment env = resolver.resolve(request.desiredName(), request.usage(), ccaches)) {
            // a caller that brought its own tickets or keys (client environment) uses them: nothing to impersonate
            GssCred cred = service.impersonate() && env.usage() != CredUsage.ACCEPT && env.requestedName().isPresent()
                    && !env.fromCaller()
                    ? impersonate(env)
                    : fromStore(env);
            return new Acquired(cred, false, env.uidNameRequest() ? env.targetUid() : Binding.NO_TARGET);
        }
    }

    /**
     * {@code gss_acquire_cred_from} with the resolved store. When the service's own euid names an initiator that
     * the store cannot find, and the service also has a {@code client_keytab}, MIT's "No credentials cache found"
     * gets the reason: as upstream does, a named request from the service's euid acts with the service's keys, so
     * its {@code keytab} stands in for the {@code client_keytab}.
     */
    private GssCred fromStore(CredEnvironment env) {
        try {
            return gss.acquireCred(env.requestedNameOrNull(), Gss.LIFETIME_INDEFINITE, KRB5, env.usage(),
                    env.credStore());
        } catch (GssException e) {
            if (e.majorStatus() != MajorStatus.GSS_S_NO_CRED || !env.useServiceKeytab()
                    || env.requestedName().isEmpty() || env.usage() == CredUsage.ACCEPT
                    || service.credStoreValue("client_keytab").isEmpty()
                    || service.credStoreValue("keytab").isEmpty()) {
                throw e;
            }
            throw GssErrors.explained(e, "Service '" + service.name() + "' was called by its own euid with a"
                    + " desired name, so, as upstream gssproxy does, it initiates with the keys of its keytab, which"
                    + " stands in for its client_keytab; the name is not in that keytab. Fix: acquire without a name"
                    + " (the client_keytab's first principal), call from another uid (then the client_keytab is used),"
                    + " or name a principal of the keytab");
        }
    }

    /** {@code acquire_type=impersonate_name}: S4U2Self with the client's credential, if the service allows it. */
    private GssCred impersonateName(GssCred impersonator, AcquireRequest request) {
        if (!service.allowProtocolTransition() && !service.trusted()) {
            throw GssErrors.of(MajorStatus.GSS_S_UNAUTHORIZED, Errno.EACCES, Oid.KRB5, "service '"
                    + service.name() + "' does not allow acquire_type=impersonate_name (S4U2Self); set"
                    + " allow_protocol_transition = yes in its section");
        }
        if (impersonator == null) {
            throw GssErrors.of(MajorStatus.GSS_S_NO_CRED, Errno.EINVAL, Oid.KRB5,
                    "acquire_type=impersonate_name needs the impersonator's credential as input_cred_handle");
        }
        GssName user = request.desiredName().flatMap(n -> Names.importName(gss, n)).orElseThrow(() ->
                GssErrors.of(MajorStatus.GSS_S_BAD_NAME, Errno.EINVAL, Oid.KRB5,
                        "acquire_type=impersonate_name needs the user to impersonate as desired_name"));
        try (user) {
            return gss.acquireCredImpersonateName(impersonator, user, Gss.LIFETIME_INDEFINITE, KRB5,
                    CredUsage.INITIATE);
        }
    }

    /** {@code impersonate = yes}: the service's credential, then S4U2Self and a context to itself. */
    private GssCred impersonate(CredEnvironment env) {
        GssName user = env.requestedName().orElseThrow();
        Optional<GssName> principal = service.krb5Principal()
                .map(p -> gss.importName(p, Oid.KRB5_NT_PRINCIPAL_NAME));
        GssCred impersonator;
        try {
            impersonator = gss.acquireCred(principal.orElse(null), Gss.LIFETIME_INDEFINITE, KRB5, CredUsage.BOTH,
                    env.credStore());
        } finally {
            principal.ifPresent(GssName::close);
        }
        try (impersonator; CredInfo info = gss.inquireCred(impersonator)) {
            if (info.name() != null && gss.compare(info.name(), user)) {
                // The user is the service itself: MIT refuses to impersonate oneself ("KDC has no support for
                // padata type"), so upstream acquires directly and only falls through on failure.
                try {
                    return gss.acquireCred(user, Gss.LIFETIME_INDEFINITE, KRB5, env.usage(), env.credStore());
                } catch (GssException e) {
                    // fall through to S4U2Self, as upstream does
                }
            }
            try (GssCred evidence = gss.acquireCredImpersonateName(impersonator, user, Gss.LIFETIME_INDEFINITE,
                    KRB5, CredUsage.INITIATE)) {
                return delegateToSelf(evidence, impersonator, info.name());
            }
        }
    }

    /** Init from the user's S4U2Self credential to the service and accept it, keeping the delegated credential. */
    private GssCred delegateToSelf(GssCred evidence, GssCred impersonator, GssName self) {
        InitResult init = gss.initSecContext(evidence, null, self, Oid.KRB5, S4U_SELF_FLAGS,
                Gss.LIFETIME_INDEFINITE, null, new byte[0]);
        try (SecContext initiator = init.context()) {
            AcceptResult accepted = gss.acceptSecContext(null, impersonator, init.outputToken(), null);
            try (SecContext acceptor = accepted.context(); GssName ignored = accepted.srcName()) {
                if (accepted.delegatedCred() == null) {
                    throw GssErrors.of(GssErrors.CRED_UNAVAIL, Oid.KRB5, "S4U2Self for service '"
                            + service.name() + "' gave no evidence credential; the KDC must issue forwardable"
                            + " S4U2Self tickets (ok_to_auth_as_delegate)");
                }
                return accepted.delegatedCred();
            }
        }
    }
}
