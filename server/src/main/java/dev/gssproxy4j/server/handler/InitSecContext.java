package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.ChannelBindings;
import dev.gssproxy4j.mech.ContextInfo;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.convert.Contexts;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.creds.AcquireRequest;
import dev.gssproxy4j.server.creds.Acquired;
import dev.gssproxy4j.server.creds.CcacheSync;
import dev.gssproxy4j.server.creds.CredentialPolicy;
import dev.gssproxy4j.server.creds.OpenedCred;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.server.handler.accept.ExportTypes;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_INIT_SEC_CONTEXT (procedure 8), upstream's {@code gp_rpc_init_sec_context.c}: validate -> open the partial
 * context of an earlier leg and the credential handle (or acquire the service's default initiator credential, krb5
 * only) -> check that an impersonated credential may be used ({@link CredAllowed}) -> {@code gss_init_sec_context}
 * with {@code req_flags} plus the service's {@code enforce_flags} minus its {@code filter_flags} -> on
 * GSS_S_CONTINUE_NEEDED a partial {@code gssx_ctx} (requested mech, empty names, lifetime 0, flags, locally
 * initiated, not open), else the described context with its MIT export token -> {@code output_token} (absent when
 * empty, as upstream) and {@code sync_creds} when the credential gained tickets -> status with the requested mech.
 *
 * <p><b>Deliberate difference:</b> the partial context's {@code exported_context_token} is sealed
 * ({@link SealedContexts}) where upstream sends MIT's export in plaintext; clients send it back verbatim either
 * way, and a daemon restarted with the same keyring continues the exchange.
 */
public final class InitSecContext implements ProcedureHandler<ArgInitSecContext, ResInitSecContext> {

    @Override
    public ResInitSecContext handle(ArgInitSecContext args, CallContext call) throws InterruptedException {
        Gss gss = call.resources().gss();
        ExportTypes types = ExportTypes.required(args.callCtx());
        Optional<Oid> mech = Requests.mech(args.mechType(), "mech_type");
        int flags = flags(call.service(), args.reqFlags());
        int timeReq = (int) (args.timeReq() < 0 ? 0xffffffffL : Math.min(args.timeReq(), 0xffffffffL));
        ChannelBindings bindings = args.inputCb().map(Requests::bindings).orElse(null);
        byte[] input = args.inputToken().map(Opaque::toByteArray).orElse(new byte[0]);
        CredentialPolicy creds = call.credentials();
        try (SecContext partial = args.contextHandle()
                     .map(h -> SealedContexts.openPartial(call, h.exportedContextToken(), mech.orElse(Oid.KRB5)))
                     .orElse(null);
             OpenedCred cred = credential(creds, args, mech)) {
            Optional<CcacheSync> sync = cred.fromHandle()
                    ? CcacheSync.begin(creds, cred, args.options()) : Optional.empty();
            InitResult result;
            try (GssName target = args.targetName().flatMap(n -> Names.importName(gss, n)).orElse(null)) {
                CredAllowed.check(call.service(), cred.cred(), target);
                result = gss.initSecContext(cred.cred(), partial, target, mech.orElse(null), flags, timeReq,
                        bindings, input);
            }
            try (SecContext ctx = result.context()) {
                GssxCtx handle = result.continueNeeded() ? partial(call, ctx, args.mechType(), result.retFlags())
                        : ContextTokens.export(call, ctx, types);
                Optional<Opaque> output = result.outputToken().length == 0 ? Optional.empty()
                        : Optional.of(Opaque.of(result.outputToken()));
                List<GssxOption> options = sync.isPresent()
                        ? sync.get().finish().map(List::of).orElse(List.of()) : List.of();
                return new ResInitSecContext(status(gss, result, args.mechType()), Optional.of(handle), output,
                        options);
            }
        }
    }

    /** The request's own: this procedure honours the client environment. */
    @Override
    public CallCtx clientEnvironment(ArgInitSecContext args) {
        return args.callCtx();
    }

    @Override
    public ResInitSecContext failure(GssxStatus status) {
        return new ResInitSecContext(status, Optional.empty(), Optional.empty(), List.of());
    }

    /** Upstream's {@code gp_filter_flags}: {@code enforce_flags} added, then {@code filter_flags} removed. */
    static int flags(ServiceConfig service, long reqFlags) {
        return service.filterFlags().removeFrom(service.enforceFlags().addTo((int) reqFlags));
    }

    /**
     * The credential of the client's handle; without one (or one that does not open, which upstream treats as
     * GSS_C_NO_CREDENTIAL) the service's default initiator credential, which upstream acquires for krb5 only.
     */
    private static OpenedCred credential(CredentialPolicy creds, ArgInitSecContext args, Optional<Oid> mech)
            throws InterruptedException {
        if (args.credHandle().isPresent()) {
            Optional<OpenedCred> opened = creds.open(args.credHandle().get());
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        if (!mech.equals(Optional.of(Oid.KRB5))) {
            throw GssErrors.of(MajorStatus.GSS_S_NO_CRED, mech.orElse(null),
                    "without a cred_handle a default credential is acquired for krb5 only; ask for mech_type krb5"
                            + " or acquire a credential first (ACQUIRE_CRED)");
        }
        Acquired acquired = creds.acquire(AcquireRequest.normal(Optional.empty(), CredUsage.INITIATE));
        return new OpenedCred(acquired.cred(), acquired.targetUid(), false);
    }

    /**
     * A partially established context as upstream describes it (golden init/02: requested mech, empty names,
     * lifetime 0, the context's flags, locally initiated, not open), its export sealed for this caller.
     */
    private static GssxCtx partial(CallContext call, SecContext ctx, Opaque requestedMech, int retFlags) {
        Gss gss = call.resources().gss();
        long flags = Integer.toUnsignedLong(retFlags);
        try (ContextInfo info = ctx.inquire()) {
            flags = Integer.toUnsignedLong(info.flags());
        } catch (GssException e) {
            // a library that cannot inquire a partial context: the flags init_sec_context returned are the same
        }
        return Contexts.partial(SealedContexts.sealPartial(call, gss.exportContext(ctx)), requestedMech, flags, true);
    }

    /** Upstream's status: the requested mech; CONTINUE_NEEDED with its display text, COMPLETE without text. */
    private static GssxStatus status(Gss gss, InitResult result, Opaque requestedMech) {
        if (!result.continueNeeded()) {
            return GssxStatus.of(0, requestedMech, 0, "", "");
        }
        long major = MajorStatus.GSS_S_CONTINUE_NEEDED.value();
        return GssxStatus.of(major, requestedMech, 0, gss.displayStatus(major, 0, null).majorMessage(), "");
    }

}
