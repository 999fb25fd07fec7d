package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Optional;
import org.ietf.jgss.GSSException;

/**
 * The daemon's handle of one context as this side holds it: the latest {@code gssx_ctx} an answer carried, when
 * that answer came (for the lifetime), and whether the context is established. Not thread-safe: the owning
 * {@link ProxyContext} guards it.
 *
 * <p>With gssproxy4j the handle's {@code state} is the daemon's sealed copy of the context, and every call that
 * returns a context sends {@link #SEALED_ONLY}, so the clear {@code exported_context_token} (MIT's export, which
 * holds the session keys) never reaches this JVM: per-message calls need only the sealed copy. Upstream gssproxy
 * ignores the option, seals nothing and imports the clear token for per-message calls, so with upstream (and for
 * partial contexts, which travel sealed in the token) the token is kept.
 */
final class HeldHandle {

    /**
     * The {@code call_ctx} of INIT_SEC_CONTEXT, ACCEPT_SEC_CONTEXT and the per-message calls:
     * {@code gssproxy4j.sealed_only=1} (docs/PROTOCOL.md).
     */
    static final CallCtx SEALED_ONLY = CallCtx.withOptions(Options.builder()
            .add(Options.SEALED_ONLY, Options.SEALED_ONLY_ON).build());

    private GssxCtx handle;
    private GssxCtx sent; // what per-message calls send: the handle without its names
    private Lifetime lifetime;
    private boolean established;

    /** Takes the handle an answer carries, if it carries one. */
    void keep(Optional<GssxCtx> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        GssxCtx ctx = fresh.get();
        // a gssproxy4j daemon sent no clear token; one that did anyway (a bug there) is not kept
        handle = ctx.state().isEmpty() ? ctx : ctx.withTokenAndState(Opaque.EMPTY, ctx.state());
        sent = new GssxCtx(handle.exportedContextToken(), handle.state(), handle.needsRelease(), handle.mech(),
                GssxName.EMPTY, GssxName.EMPTY, handle.lifetime(), handle.ctxFlags(), handle.locallyInitiated(),
                handle.open(), handle.options());
        lifetime = Lifetime.fromNow(ctx.lifetime());
    }

    /** The handle to send back, or null before the first answer. */
    GssxCtx current() {
        return handle;
    }

    void established(boolean value) {
        established = value;
    }

    boolean isEstablished() {
        return established;
    }

    /** Whether per-message calls may be made: established, or PROT_READY before that (RFC 2743 section 1.2.7). */
    boolean isProtReady() {
        return handle != null && (established || (handle.ctxFlags() & ProxyContext.PROT_READY) != 0);
    }

    /**
     * The handle for a per-message call: without its names, which neither daemon reads there (gssproxy4j opens
     * {@code state}, upstream imports the token) and which would double what every call sends.
     *
     * @throws GSSException NO_CONTEXT unless per-message calls may be made
     */
    GssxCtx forPerMessage(String call) throws GSSException {
        if (!isProtReady()) {
            throw GssErrors.local(GSSException.NO_CONTEXT, call + " needs an established context");
        }
        return sent;
    }

    /** The context's flags once established; {@code requested} before. */
    long flags(long requested) {
        return handle != null && established ? handle.ctxFlags() : requested;
    }

    /** Seconds left, 0 before establishment. */
    int lifetime() {
        return lifetime == null || !established ? 0 : lifetime.remaining();
    }

    /** Forgets the handle (export, delete) and returns what it was. */
    GssxCtx release() {
        GssxCtx released = handle;
        handle = null;
        sent = null;
        established = false;
        return released;
    }
}
