package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.ContextInfo;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.server.convert.Contexts;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.handler.accept.AcceptorNames;
import dev.gssproxy4j.server.handler.accept.LucidV1;
import dev.gssproxy4j.server.handler.accept.TicketServer;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Optional;

/**
 * Complete security contexts as clients carry them: the MIT {@code gss_export_sec_context} token in
 * {@code gssx_ctx.exported_context_token}, in plaintext as upstream sends it ({@code gp_import_gssx_to_ctx_id} and
 * {@code gp_export_ctx_id_to_gssx} with the default type). The per-message procedures import, use and re-export it,
 * so the sequence numbers and replay window travel with the client and the daemon keeps no state.
 */
final class ContextTokens {

    /** {@code gss_krb5_export_lucid_sec_context} version the kernel format is made from. */
    private static final int LUCID_VERSION = 1;

    private ContextTokens() {}

    /**
     * Imports the context in {@code handle}.
     *
     * @throws GssException GSS_S_NO_CONTEXT for a handle without a token; the library's status for a token it
     *                      cannot import (e.g. a partial context, or one exported by another MIT version)
     */
    static SecContext open(Gss gss, GssxCtx handle) {
        Opaque token = handle.exportedContextToken();
        if (token.isEmpty()) {
            throw Requests.noContext(gss, "gss_import_sec_context", "context_handle has an empty"
                    + " exported_context_token; send the context_handle returned by INIT_SEC_CONTEXT or"
                    + " ACCEPT_SEC_CONTEXT (or the previous per-message call)");
        }
        return gss.importContext(token.toByteArray());
    }

    /**
     * Describes and exports {@code ctx} (which closes it): what {@code gss_inquire_context} says, with the new
     * token, as upstream's default export fills a {@code gssx_ctx}.
     */
    static GssxCtx export(Gss gss, SecContext ctx) {
        return export(gss, ctx, false);
    }

    /**
     * As {@link #export(Gss, SecContext)}, or with {@code lucid} the {@code linux_lucid_v1} form the kernel asks for
     * ({@code exported_context_type}), whose names lack the composite export as upstream suppresses it.
     */
    static GssxCtx export(Gss gss, SecContext ctx, boolean lucid) {
        return withToken(gss, ctx, describe(ctx, !lucid), lucid);
    }

    /**
     * As {@link #export(Gss, SecContext, boolean)} for a context just accepted from a ticket for {@code server}
     * (empty if unknown): the target name comes from {@code known} when MIT already described it for the same
     * ticket server, and is remembered there otherwise ({@link AcceptorNames}).
     */
    static GssxCtx exportAccepted(Gss gss, SecContext ctx, boolean lucid, Optional<TicketServer> server,
                                  AcceptorNames known) {
        Optional<GssxName> target = server.flatMap(known::get);
        GssxCtx described;
        try (ContextInfo info = ctx.inquire(true, target.isEmpty())) {
            GssxName full = target.orElseGet(() -> info.target() == null ? GssxName.EMPTY
                    : Names.describe(info.target(), true));
            if (target.isEmpty() && info.target() != null) {
                server.ifPresent(s -> known.put(s, full));
            }
            described = Contexts.describe(Opaque.EMPTY, info, lucid ? Names.withoutComposite(full) : full, !lucid);
        }
        return withToken(gss, ctx, described, lucid);
    }

    /**
     * What {@code gss_inquire_context} says about {@code ctx}, without a token. Names are described and released
     * while the context is still alive, before it is exported (the export deletes it).
     */
    private static GssxCtx describe(SecContext ctx, boolean withComposite) {
        try (ContextInfo info = ctx.inquire()) {
            return Contexts.describe(Opaque.EMPTY, info, withComposite);
        }
    }

    /** {@code described} with the token of {@code ctx} (exported, which closes it): MIT's, or lucid for the kernel. */
    private static GssxCtx withToken(Gss gss, SecContext ctx, GssxCtx described, boolean lucid) {
        Opaque token = Opaque.of(lucid ? LucidV1.format(gss.exportLucid(ctx, LUCID_VERSION)) : gss.exportContext(ctx));
        return new GssxCtx(token, described.state(), described.needsRelease(), described.mech(),
                described.srcName(), described.targName(), described.lifetime(), described.ctxFlags(),
                described.locallyInitiated(), described.open(), described.options());
    }
}
