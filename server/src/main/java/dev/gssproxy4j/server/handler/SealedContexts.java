package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.creds.StoreScope;
import dev.gssproxy4j.server.cache.LiveContexts;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleCacheKey;
import dev.gssproxy4j.server.seal.HandleException;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.xdr.Opaque;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * The only way a context a client carries becomes a library context again: MIT's {@code gss_import_sec_context}
 * was written for tokens a process exported itself (fuzzed tokens crash it), so the daemon imports only tokens it
 * sealed (AES-256-GCM, bound to the caller's uid and the service's credential store like credential handles) and opened first.
 * <ul>
 *   <li><b>Partial contexts</b> between INIT or ACCEPT legs ({@link HandleKind#PARTIAL_CONTEXT}): upstream sends
 *       MIT's export in plaintext; gssproxy4j sends only the sealed form, in {@code exported_context_token}.</li>
 *   <li><b>Complete contexts</b> ({@link HandleKind#CONTEXT}): {@code exported_context_token} stays MIT's clear
 *       token, which the interposer and the kernel import into their own process (left empty for a caller that
 *       sends {@code gssproxy4j.sealed_only}), and {@code state} carries the daemon's sealed copy of the same
 *       token, valid until the context's end. The per-message procedures use
 *       only {@code state}; the clear token a client sends is never imported.</li>
 * </ul>
 * Either way the copy is enough: any daemon with the same keyring (e.g. after a restart) continues the context,
 * and a context cannot be read, altered or used by another caller or service. The per-message procedures keep
 * the context they imported live in {@link LiveContexts} (a cache, which may drop it) and send a fresh copy every
 * {@link PerMessageContext#CALLS_PER_COPY} calls.
 */
final class SealedContexts {

    /**
     * How long a client may take to bring back the peer's reply between legs. One network round trip is normal;
     * ten minutes also covers an interactive step (e.g. a slow KDC or an OTP prompt at the acceptor) and stays far
     * below any ticket lifetime.
     */
    static final Duration PARTIAL_LIFETIME = Duration.ofMinutes(10);

    private SealedContexts() {}

    /** Seals the {@code gss_export_sec_context} output of a partial context for the caller of {@code call}. */
    static Opaque sealPartial(CallContext call, byte[] exported) {
        return seal(call, HandleKind.PARTIAL_CONTEXT, exported, call.resources().clock().instant()
                .plus(PARTIAL_LIFETIME));
    }

    /**
     * Seals a copy of a complete context's {@code gss_export_sec_context} output for the caller of {@code call},
     * valid for the context's remaining {@code lifetimeSeconds}. {@code exported} is left intact: it is also the
     * clear token the client gets.
     */
    static Opaque sealComplete(CallContext call, byte[] exported, long lifetimeSeconds) {
        return seal(call, HandleKind.CONTEXT, exported.clone(), expiryAfter(call, lifetimeSeconds));
    }

    /**
     * Opens and imports a partial context the caller sent back.
     *
     * @throws GssException GSS_S_NO_CONTEXT when the handle does not open (altered, another caller's or service's,
     *                      expired, or sealed with a key this daemon does not hold), with the reason and the fix
     */
    static SecContext openPartial(CallContext call, Opaque sealed) {
        return open(call, HandleKind.PARTIAL_CONTEXT, sealed, "the partial context in context_handle",
                "start the context again (INIT_SEC_CONTEXT without context_handle)", null);
    }

    /**
     * As {@link #openPartial(CallContext, Opaque)} for a later INIT_SEC_CONTEXT leg whose {@code mech_type} is
     * {@code requested}: MIT's mechglue continues the context with the mechanism the call names, not the one the
     * context has, and another mechanism's code then misreads the context and crashes the process (found by
     * {@code bench/run fuzz}). So the two must be the same.
     *
     * @throws GssException GSS_S_BAD_MECH if the partial context is of another mechanism than {@code requested}
     */
    static SecContext openPartial(CallContext call, Opaque sealed, Oid requested) {
        return open(call, HandleKind.PARTIAL_CONTEXT, sealed, "the partial context in context_handle",
                "start the context again (INIT_SEC_CONTEXT without context_handle)", requested);
    }

    /**
     * The live context for the daemon's copy of a complete context in {@code handle.state}, leased exclusively:
     * from the cache of live contexts when the copy was seen before, else opened, imported and cached.
     *
     * @throws GssException GSS_S_NO_CONTEXT when {@code state} is empty (e.g. a context made by upstream gssproxy,
     *                      or a lucid one) or does not open; GSS_S_CONTEXT_EXPIRED after the context's end
     */
    static PerMessageContext leaseComplete(CallContext call, GssxCtx handle) {
        if (handle.state().isEmpty()) {
            throw noContext("context_handle has no gssproxy4j state: the per-message procedures use the sealed"
                    + " copy of the context that INIT_SEC_CONTEXT, ACCEPT_SEC_CONTEXT and per-message calls"
                    + " return in gssx_ctx.state (never exported_context_token). Fix: send the context_handle as the"
                    + " daemon returned it last, all fields unchanged");
        }
        LiveContexts cache = call.resources().liveContexts();
        Instant now = call.resources().clock().instant();
        Optional<LiveContexts.Key> key = HandleCacheKey.of(handle.state()).map(tag -> new LiveContexts.Key(tag,
                binding(call)));
        Optional<LiveContexts.Lease> cached = key.flatMap(k -> cache.lease(k, handle.state(), now));
        if (cached.isPresent()) {
            return new PerMessageContext(call, cached.get(), key.get());
        }
        byte[] sealed = handle.state().toByteArray();
        HandleSealer.Opened opened = opened(call, HandleKind.CONTEXT, sealed, "the context in context_handle.state",
                "send the context_handle the daemon returned last, unchanged, or establish a new context");
        byte[] token = opened.payload();
        try {
            // a copy that opened is at least a tag long
            return new PerMessageContext(call, cache.put(key.orElseThrow(), sealed, opened.expiry(),
                    call.resources().gss().importContext(token)), key.get());
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    /** Deletes the live copy of the complete context in {@code handle.state}, if it is cached and opens. */
    static void forget(CallContext call, GssxCtx handle) {
        byte[] sealed = handle.state().toByteArray();
        try {
            Arrays.fill(opened(call, HandleKind.CONTEXT, sealed, "", "").payload(), (byte) 0);
        } catch (GssException e) {
            return; // not a context this caller may name: nothing of it is cached for this caller
        }
        HandleCacheKey.of(sealed).ifPresent(tag -> call.resources().liveContexts().remove(
                new LiveContexts.Key(tag, binding(call))));
    }

    /**
     * Seals a fresh copy of a live context (see {@link #sealComplete}), valid until {@code expiry} (the context's
     * end, as the copy it replaces), and returns it with what the cache of live contexts needs to find the context
     * by it.
     */
    static FreshCopy sealFresh(CallContext call, byte[] exported, Instant expiry) {
        byte[] sealed = sealBytes(call, HandleKind.CONTEXT, exported.clone(), expiry);
        return new FreshCopy(Opaque.of(sealed), sealed, new LiveContexts.Key(HandleCacheKey.of(sealed)
                .orElseThrow(), binding(call)), expiry);
    }

    /** A fresh sealed copy: as the client gets it, as bytes, its cache key and its expiry. */
    record FreshCopy(Opaque state, byte[] sealed, LiveContexts.Key key, Instant expiry) {}

    private static Opaque seal(CallContext call, HandleKind kind, byte[] exported, Instant expiry) {
        return Opaque.of(sealBytes(call, kind, exported, expiry));
    }

    /** {@code exported} sealed for the caller of {@code call}, then wiped. */
    private static byte[] sealBytes(CallContext call, HandleKind kind, byte[] exported, Instant expiry) {
        try {
            return call.resources().sealer().seal(kind, binding(call), expiry, exported);
        } finally {
            Arrays.fill(exported, (byte) 0);
        }
    }

    private static SecContext open(CallContext call, HandleKind kind, Opaque sealed, String what, String fix,
                                   Oid requiredMech) {
        byte[] token = opened(call, kind, sealed.toByteArray(), what, fix).payload();
        try {
            if (requiredMech != null && !mechOf(token).equals(Optional.of(requiredMech))) {
                throw GssErrors.withText(MajorStatus.GSS_S_BAD_MECH, null, what + " is of"
                        + " mechanism " + mechOf(token).map(Oid::toString).orElse("(unknown)") + ", not " + requiredMech
                        + ". Fix: send the same mech_type on every leg of a context");
            }
            return call.resources().gss().importContext(token);
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    /** The sealed context opened for the caller of {@code call}; the caller wipes the payload it takes. */
    private static HandleSealer.Opened opened(CallContext call, HandleKind kind, byte[] sealed, String what,
                                              String fix) {
        try {
            return call.resources().sealer().open(kind, binding(call), sealed, call.resources().clock().instant());
        } catch (HandleException e) {
            if (e.reason() == HandleException.Reason.EXPIRED && kind == HandleKind.CONTEXT) {
                throw GssErrors.withText(MajorStatus.GSS_S_CONTEXT_EXPIRED, null,
                        what + " has reached its end time. Fix: establish a new context");
            }
            throw noContext(what + " cannot be used: " + e.getMessage() + ". Fix: " + fix);
        }
    }

    /**
     * The mechanism of a {@code gss_export_sec_context} token: MIT's mechglue writes the OID's length (4 bytes,
     * big-endian), the OID and then the mechanism's own token. Empty if the token is shorter than it says.
     */
    static Optional<Oid> mechOf(byte[] exported) {
        if (exported.length < 4) {
            return Optional.empty();
        }
        long length = ((exported[0] & 0xffL) << 24) | ((exported[1] & 0xff) << 16) | ((exported[2] & 0xff) << 8)
                | (exported[3] & 0xff);
        if (length < 1 || length > exported.length - 4 || (exported[3 + (int) length] & 0x80) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Oid(Arrays.copyOfRange(exported, 4, 4 + (int) length)));
    }

    /** When a complete context's sealed copy expires: at the context's end, whole seconds as the seal keeps it. */
    private static Instant expiryAfter(CallContext call, long lifetimeSeconds) {
        return call.resources().clock().instant().plusSeconds(Math.max(0, lifetimeSeconds))
                .truncatedTo(ChronoUnit.SECONDS);
    }

    private static Binding binding(CallContext call) {
        return Binding.of(StoreScope.of(call.service()), call.caller().uid());
    }

    /** GSS_S_NO_CONTEXT with {@code explanation} (problem and fix) as minor text. */
    private static GssException noContext(String explanation) {
        return GssErrors.withText(MajorStatus.GSS_S_NO_CONTEXT, null, explanation);
    }
}
