package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.ContextInfo;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.mech.mit.TicketServer;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.server.cache.AcceptorNames;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.convert.Contexts;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.handler.accept.ExportTypes;
import dev.gssproxy4j.server.handler.accept.LucidV1;
import dev.gssproxy4j.xdr.Opaque;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Complete security contexts as clients carry them: the MIT {@code gss_export_sec_context} token in
 * {@code gssx_ctx.exported_context_token}, in plaintext as upstream sends it ({@code gp_export_ctx_id_to_gssx} with
 * the default type) for the interposer and the kernel to import locally, and the daemon's sealed copy of it in
 * {@code state} ({@link SealedContexts}), the only form the per-message procedures import. A caller that sends
 * {@code gssproxy4j.sealed_only} gets only {@code state}. Those keep the context live and return a fresh copy
 * ({@link #copy}) every so many calls ({@link PerMessageContext}), so a daemon that lost the live context continues
 * from the client's copy.
 */
final class ContextTokens {

    /** {@code gss_krb5_export_lucid_sec_context} version the kernel format is made from. */
    private static final int LUCID_VERSION = 1;

    private ContextTokens() {}

    /**
     * A fresh copy of a live context for the client, its description without tokens (to pass as {@code known} to
     * the next {@link #copy}), how it is sealed, and the context imported again from it.
     */
    record Copy(GssxCtx handle, GssxCtx description, SealedContexts.FreshCopy sealed, SecContext context) {}

    /**
     * Describes and exports {@code ctx} as the per-message procedures return it (what {@code gss_inquire_context}
     * says, with the sealed copy in {@code state} and, unless {@code sealedOnly}, MIT's clear token, as upstream's
     * default export fills a {@code gssx_ctx}), and imports it again from the same token, so that it stays live for
     * the next call. {@code ctx} is closed either way (the export deletes it). The copy expires at {@code end}, the
     * context's end (as the copy it replaces does), and its lifetime is the seconds left until then. {@code known}
     * is the description an earlier copy of the same context returned: its names, mechanism and flags stay for the
     * context's life; MIT describes the context only when it is empty (inquiring the context and displaying and
     * exporting both names took 59 of a copy's 104 µs).
     */
    static Copy copy(CallContext call, SecContext ctx, Optional<GssxCtx> known, Instant end, boolean sealedOnly) {
        GssxCtx described = renewed(known.orElseGet(() -> describe(ctx, true)), call.resources().clock().instant(),
                end);
        Gss gss = call.resources().gss();
        byte[] token = gss.exportContext(ctx);
        try {
            SealedContexts.FreshCopy sealed = SealedContexts.sealFresh(call, token, end);
            SecContext again = gss.importContext(token);
            return new Copy(described.withTokenAndState(sealedOnly ? Opaque.EMPTY : Opaque.of(token), sealed.state()),
                    described, sealed, again);
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    /**
     * Describes and exports {@code ctx} (which closes it) just established, in the form {@code types} asks for: as
     * {@link #copy} describes it, or with {@code lucid} the {@code linux_lucid_v1} form the kernel asks for
     * ({@code exported_context_type}), whose names lack the composite export as upstream suppresses it, and which
     * has no sealed copy (the kernel makes no per-message calls).
     */
    static GssxCtx export(CallContext call, SecContext ctx, ExportTypes types) {
        return withToken(call, ctx, describe(ctx, !types.lucid()), types);
    }

    /**
     * As {@link #export(CallContext, SecContext, ExportTypes)} for a context just accepted from a ticket for
     * {@code server} (empty if unknown): the target name comes from {@code known} when MIT already described it for
     * the same ticket server, and is remembered there otherwise ({@link AcceptorNames}).
     */
    static GssxCtx exportAccepted(CallContext call, SecContext ctx, ExportTypes types, Optional<TicketServer> server,
                                  AcceptorNames known) {
        boolean lucid = types.lucid();
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
        return withToken(call, ctx, described, types);
    }

    /** {@code described} with the seconds from {@code now} to {@code end} as its lifetime, unless it has none. */
    private static GssxCtx renewed(GssxCtx described, Instant now, Instant end) {
        if (described.lifetime() == Gss.INDEFINITE) {
            return described;
        }
        return described.withLifetime(Math.max(0, Duration.between(now, end).getSeconds()));
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

    /**
     * {@code described} with the token of {@code ctx} (exported, which closes it): MIT's (left out with
     * {@code sealed_only}) with its sealed copy in {@code state}, or lucid for the kernel.
     */
    private static GssxCtx withToken(CallContext call, SecContext ctx, GssxCtx described, ExportTypes types) {
        Gss gss = call.resources().gss();
        if (types.lucid()) {
            return described.withTokenAndState(Opaque.of(LucidV1.format(gss.exportLucid(ctx, LUCID_VERSION))),
                    Opaque.EMPTY);
        }
        byte[] token = gss.exportContext(ctx);
        try {
            Opaque sealed = SealedContexts.sealComplete(call, token, described.lifetime());
            return described.withTokenAndState(types.sealedOnly() ? Opaque.EMPTY : Opaque.of(token), sealed);
        } finally {
            Arrays.fill(token, (byte) 0); // the keys stay only in what the reply carries
        }
    }
}
