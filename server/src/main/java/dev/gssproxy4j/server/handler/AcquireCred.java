package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.creds.AcquireRequest;
import dev.gssproxy4j.server.creds.AcquireType;
import dev.gssproxy4j.server.creds.Acquired;
import dev.gssproxy4j.server.convert.CredUsages;
import dev.gssproxy4j.server.creds.CredentialPolicy;
import dev.gssproxy4j.server.creds.OpenedCred;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_ACQUIRE_CRED (procedure 6), upstream's {@code gp_rpc_acquire_cred.c}: GSS_Acquire_cred and GSS_Add_cred for
 * krb5. Validate (mechanisms, {@code acquire_type}) -> open the input handle -> acquire ({@code gp_add_krb5_creds}
 * through the call's {@link CredentialPolicy}) -> seal the new credential, or echo the input handle verbatim when
 * it was still good -> status with the krb5 OID, as upstream reports it. An input handle that does not open
 * (another credential store's or uid's, an old key, garbage) counts as no input handle, as upstream treats one that
 * does not decrypt: the interposer sends the handle kept in the user's ccache to whichever service socket it calls
 * next, and that service's own policy then decides the call ({@link CredentialPolicy#openAcquireInput}).
 *
 * <p>Differences from upstream, all where upstream misbehaves: a non-empty {@code desired_mechs} without krb5 is
 * GSS_S_BAD_MECH (upstream: GSS_S_NO_CRED); {@code add_cred_to_input_handle} returns the resulting credential
 * (upstream returns GSS_S_NO_CRED for a still-good input, or the stale input handle after re-acquiring); an unknown
 * {@code acquire_type} is refused also without an input handle.
 */
public final class AcquireCred implements ProcedureHandler<ArgAcquireCred, ResAcquireCred> {

    @Override
    public ResAcquireCred handle(ArgAcquireCred args, CallContext call) throws InterruptedException {
        AcquireType type = AcquireType.fromOptions(args.options()).orElseThrow(() -> GssErrors.of(
                MajorStatus.GSS_S_FAILURE, Errno.EINVAL, Oid.KRB5, "unknown acquire_type option value; the"
                        + " only one is impersonate_name"));
        if (!args.desiredMechs().isEmpty() && !wantsKrb5(args, call)) {
            throw GssErrors.of(MajorStatus.GSS_S_BAD_MECH, null, "service '" + call.service().name()
                    + "' offers only krb5 (" + Oids.toDotted(Oids.KRB5) + "), which desired_mechs does not list");
        }
        try {
            CredentialPolicy creds = call.credentials();
            Optional<OpenedCred> input = args.inputCredHandle().isPresent()
                    ? creds.openAcquireInput(args.inputCredHandle().get()) : Optional.empty();
            try {
                Acquired acquired = creds.acquire(new AcquireRequest(
                        args.inputCredHandle().isPresent() ? type : AcquireType.NORMAL,
                        input.map(OpenedCred::cred), args.desiredName(), CredUsages.fromWire(args.credUsage())));
                GssxCred output;
                if (acquired.reusedInput()) {
                    output = args.inputCredHandle().orElseThrow();
                } else {
                    try (var cred = acquired.cred()) {
                        output = creds.seal(cred, acquired.targetUid());
                    }
                }
                return new ResAcquireCred(GssxStatus.of(0, Oids.KRB5, 0, "", ""), Optional.of(output), List.of());
            } finally {
                input.ifPresent(OpenedCred::close);
            }
        } catch (GssException e) {
            // upstream reports the mechanism it was acquiring for (krb5) in every status of this call
            throw GssErrors.withMech(e, Oid.KRB5);
        }
    }

    /** The request's own: this procedure honours the client environment. */
    @Override
    public CallCtx clientEnvironment(ArgAcquireCred args) {
        return args.callCtx();
    }

    @Override
    public ResAcquireCred failure(GssxStatus status) {
        return new ResAcquireCred(status, Optional.empty(), List.of());
    }

    /** Whether desired_mechs names krb5 and the service offers it (upstream {@code gp_creds_allowed_mech}). */
    private static boolean wantsKrb5(ArgAcquireCred args, CallContext call) {
        return call.service().mechs().contains(Mech.KRB5) && args.desiredMechs().stream()
                .anyMatch(m -> m.equals(Oids.KRB5));
    }
}
