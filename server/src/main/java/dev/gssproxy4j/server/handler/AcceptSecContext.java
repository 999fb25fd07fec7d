package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.AcceptResult;
import dev.gssproxy4j.mech.ChannelBindings;
import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.mech.mit.TicketServer;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.convert.Contexts;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.creds.CcacheSync;
import dev.gssproxy4j.server.creds.CredentialPolicy;
import dev.gssproxy4j.server.creds.OpenedCred;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.dispatch.Statuses;
import dev.gssproxy4j.server.handler.accept.ExportTypes;
import dev.gssproxy4j.server.handler.accept.LinuxCredsV1;
import dev.gssproxy4j.xdr.Opaque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_ACCEPT_SEC_CONTEXT (procedure 9), upstream's {@code gp_rpc_accept_sec_context.c}, and the only call the
 * Linux kernel makes. Validate the {@code call_ctx} export types -> open the credential handle (or acquire the
 * service's acceptor credential) and a partial context from an earlier leg -> {@code gss_accept_sec_context} ->
 * export the context (MIT token, or {@code linux_lucid_v1} for the kernel with names lacking their composite
 * export), seal a delegated credential if asked for, add {@code linux_creds_v1} and {@code sync_creds} -> status.
 * {@code output_token} is present even when empty, as upstream sends it. On an error the result carries only the
 * status, as upstream's does (the dispatcher maps the thrown {@link dev.gssproxy4j.mech.GssException}).
 *
 * <p>Unlike upstream, accept may take several legs: on GSS_S_CONTINUE_NEEDED the partial context is sealed into
 * {@code exported_context_token} (see {@link SealedContexts}) and continued when it comes back as
 * {@code context_handle}.
 */
public final class AcceptSecContext implements ProcedureHandler<ArgAcceptSecContext, ResAcceptSecContext> {

    @Override
    public ResAcceptSecContext handle(ArgAcceptSecContext args, CallContext call) throws InterruptedException {
        ExportTypes types = ExportTypes.required(args.callCtx());
        CredentialPolicy creds = call.credentials();
        try (OpenedCred cred = creds.openOrAcquire(args.credHandle(), CredUsage.ACCEPT);
             SecContext partial = args.contextHandle()
                     .map(h -> SealedContexts.openPartial(call, h.exportedContextToken())).orElse(null)) {
            Optional<CcacheSync> sync = cred.fromHandle()
                    ? CcacheSync.begin(creds, cred, args.options()) : Optional.empty();
            byte[] token = args.inputToken().toByteArray();
            ChannelBindings bindings = args.inputCb().map(Requests::bindings).orElse(null);
            Accepted accepted = accept(call, cred.cred(), partial, token, bindings, types,
                    args.retDelegCred());
            List<GssxOption> options = new ArrayList<>();
            accepted.linuxCreds().ifPresent(options::add);
            if (sync.isPresent()) {
                sync.get().finish().ifPresent(options::add);
            }
            return new ResAcceptSecContext(accepted.status(), Optional.of(accepted.handle()),
                    Optional.of(Opaque.of(accepted.outputToken())), accepted.delegated(), options);
        }
    }

    /** The request's own: this procedure honours the client environment. */
    @Override
    public CallCtx clientEnvironment(ArgAcceptSecContext args) {
        return args.callCtx();
    }

    @Override
    public ResAcceptSecContext failure(GssxStatus status) {
        return new ResAcceptSecContext(status, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * What one accept produced, built in one GSS call.
     *
     * @param linuxCreds {@code linux_creds_v1} if the caller asked for it
     */
    private record Accepted(GssxStatus status, GssxCtx handle, byte[] outputToken, Optional<GssxCred> delegated,
                            Optional<GssxOption> linuxCreds) {}

    /**
     * All native work of one accept: {@code gss_accept_sec_context}, the delegated credential's handle,
     * {@code linux_creds_v1}, and the export of the context (names are described while the context lives, see
     * {@link ContextTokens}). The initiator's name is asked of the accept only for {@code linux_creds_v1}; the
     * export inquires the names it describes.
     */
    private static Accepted accept(CallContext call, GssCred cred, SecContext partial, byte[] token,
                                   ChannelBindings bindings, ExportTypes types, boolean retDelegCred)
            throws InterruptedException {
        Gss gss = call.resources().gss();
        AcceptResult result = types.linuxCreds() ? gss.acceptSecContext(partial, cred, token, bindings)
                : gss.acceptSecContextNoName(partial, cred, token, bindings);
        try (SecContext ctx = result.context(); GssName source = result.srcName();
             GssCred delegated = result.delegatedCred()) {
            Optional<GssxCred> delegatedHandle = ContextFlag.DELEG.in(result.retFlags()) && retDelegCred
                    && delegated != null ? Optional.of(call.credentials().seal(delegated)) : Optional.empty();
            Optional<GssxOption> linuxCreds = types.linuxCreds() && source != null
                    ? Optional.of(LinuxCredsV1.option(gss, source, result.mech())) : Optional.empty();
            if (source != null) {
                source.close(); // while the context lives, like the names in ContextTokens
            }
            GssxCtx handle = result.continueNeeded()
                    ? Contexts.partial(SealedContexts.sealPartial(call, gss.exportContext(ctx)),
                            Names.oidBytes(mech(result)), Integer.toUnsignedLong(result.retFlags()), false)
                    : ContextTokens.exportAccepted(call, ctx, types,
                            partial == null ? TicketServer.of(token) : Optional.empty(), // a later leg has no AP-REQ
                            call.resources().acceptorNames());
            return new Accepted(status(gss, result), handle, result.outputToken(), delegatedHandle, linuxCreds);
        }
    }

    /** COMPLETE with the mechanism and no text, or CONTINUE_NEEDED with its display text, as upstream fills them. */
    private static GssxStatus status(Gss gss, AcceptResult result) {
        if (!result.continueNeeded()) {
            return GssxStatus.of(0, Statuses.oid(result.mech()), 0, "", "");
        }
        return Statuses.of(gss.displayStatus(MajorStatus.GSS_S_CONTINUE_NEEDED.value(), 0, mech(result)));
    }

    /**
     * The mechanism in use. MIT leaves it unset on a krb5 GSS_C_DCE_STYLE leg that needs another token; the
     * acceptor credential is always a krb5 one ({@code gp_add_krb5_creds}), so that is the mechanism then.
     */
    private static Oid mech(AcceptResult result) {
        return result.mech() != null ? result.mech() : Oid.KRB5;
    }

}
