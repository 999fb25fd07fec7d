package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.client.GssStatusText;
import dev.gssproxy4j.jgss.gss.DaemonLink.Resend;
import dev.gssproxy4j.protocol.GssxCb;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrLimits;
import java.util.List;
import java.util.Optional;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * A security context (RFC 2743 section 2.2) whose mechanism work is done by the daemon: this side holds only the
 * daemon's context handle ({@link HeldHandle}, which says what of it is kept) and sends it back with every call,
 * taking the updated one each answer carries; the per-message calls are in {@link PerMessage}.
 *
 * <p>Tokens are whole GSS tokens as the daemon (MIT) reads and writes them, RFC 2743 section 3.1 framing included.
 *
 * <p>Thread-safe: calls on one context are serialized, because each per-message call consumes the sequence state the
 * previous one returned; calls on different contexts run in parallel.
 */
public final class ProxyContext {

    /** RFC 2744 section 5.19 context flags. */
    public static final long DELEG = 1;
    public static final long MUTUAL = 2;
    public static final long REPLAY = 4;
    public static final long SEQUENCE = 8;
    public static final long CONF = 16;
    public static final long INTEG = 32;
    public static final long ANON = 64;
    public static final long PROT_READY = 128;
    public static final long TRANS = 256;
    /** MIT's GSS_C_DELEG_POLICY_FLAG: delegate only if the KDC marks the target ok-as-delegate. */
    public static final long DELEG_POLICY = 0x8000;

    private final GssProxy proxy;
    private final boolean initiator;
    private final ProxyName target;
    private final ProxyCredential credential;
    private Oid mech;
    private long requestedFlags = MUTUAL | REPLAY | SEQUENCE | CONF | INTEG; // the JDK's GSSContext defaults
    private long timeReq;
    private GssxCb bindings;

    private final HeldHandle held = new HeldHandle();
    private boolean unusable;
    private ProxyCredential delegated;

    private ProxyContext(GssProxy proxy, boolean initiator, ProxyName target, ProxyCredential credential, Oid mech) {
        this.proxy = proxy;
        this.initiator = initiator;
        this.target = target;
        this.credential = credential;
        this.mech = mech;
    }

    static ProxyContext initiator(GssProxy proxy, ProxyName target, ProxyCredential credential, Oid mech,
                                  long timeReq) {
        ProxyContext context = new ProxyContext(proxy, true, target, credential, mech);
        context.timeReq = timeReq;
        return context;
    }

    static ProxyContext acceptor(GssProxy proxy, ProxyCredential credential) {
        return new ProxyContext(proxy, false, null, credential, null);
    }

    /** A context exported by {@link #export()}, ready for per-message calls. */
    static ProxyContext imported(GssProxy proxy, boolean initiator, GssxCtx handle) {
        ProxyContext context = new ProxyContext(proxy, initiator, null, null, null);
        context.held.keep(Optional.of(handle));
        context.held.established(handle.open());
        return context;
    }

    /** Sets or clears a request flag; only before the first leg, later requests are ignored (RFC 2743 2.2.1). */
    public synchronized void request(long flag, boolean on) {
        if (held.current() == null) {
            requestedFlags = on ? requestedFlags | flag : requestedFlags & ~flag;
        }
    }

    public synchronized long requestedFlags() {
        return requestedFlags;
    }

    /** Channel bindings (RFC 2744 section 3.11) for the next legs; null for none. */
    public synchronized void channelBindings(ChannelBinding cb) {
        this.bindings = cb == null ? null : ChannelBindings.toWire(cb);
    }

    /** The lifetime to ask for, in the JDK's convention; only before the first leg. */
    public synchronized void requestLifetime(int jdkLifetime) {
        if (held.current() == null) {
            timeReq = Lifetime.timeReq(jdkLifetime);
        }
    }

    /**
     * One INIT_SEC_CONTEXT leg: {@code input} is null on the first leg and the acceptor's token after.
     *
     * @return the token for the acceptor, or null if there is none
     */
    public synchronized byte[] initSecContext(byte[] input) throws GSSException {
        requireLegs("initSecContext", true);
        List<GssxOption> options = credential == null ? List.of()
                : List.of(GssxOption.of(Options.SYNC_MODIFIED_CREDS, "default"));
        ArgInitSecContext args = new ArgInitSecContext(proxy.withEnvironment(HeldHandle.SEALED_ONLY),
                Optional.ofNullable(held.current()),
                Optional.ofNullable(credential).map(ProxyCredential::handle), Optional.of(target.wire()),
                WireOids.toWire(mech), requestedFlags, timeReq, Optional.ofNullable(bindings),
                Optional.ofNullable(input).map(Opaque::of), options);
        ResInitSecContext result = leg(Procedure.INIT_SEC_CONTEXT, args, ResInitSecContext.class);
        held.keep(result.contextHandle());
        syncCredential(result.options());
        held.established(!continueNeeded(result.status()));
        return bytesOrNull(result.outputToken());
    }

    /**
     * One ACCEPT_SEC_CONTEXT leg with the initiator's token.
     *
     * @return the token for the initiator, or null if there is none
     */
    public synchronized byte[] acceptSecContext(byte[] input) throws GSSException {
        requireLegs("acceptSecContext", false);
        ArgAcceptSecContext args = new ArgAcceptSecContext(proxy.withEnvironment(HeldHandle.SEALED_ONLY),
                Optional.ofNullable(held.current()),
                Optional.ofNullable(credential).map(ProxyCredential::handle), Opaque.of(input),
                Optional.ofNullable(bindings), true, List.of());
        ResAcceptSecContext result = leg(Procedure.ACCEPT_SEC_CONTEXT, args, ResAcceptSecContext.class);
        held.keep(result.contextHandle());
        if (result.delegatedCredHandle().isPresent()) {
            delegated = ProxyCredential.of(proxy, result.delegatedCredHandle().get());
        }
        held.established(!continueNeeded(result.status()));
        if (mech == null && !result.status().mech().isEmpty()) {
            mech = WireOids.fromWire(result.status().mech());
        }
        return bytesOrNull(result.outputToken());
    }

    private void requireLegs(String call, boolean asInitiator) throws GSSException {
        if (initiator != asInitiator) {
            throw GssErrors.local(GSSException.FAILURE, call + " on " + (initiator ? "an initiator" : "an acceptor")
                    + "'s context");
        }
        if (held.isEstablished() || unusable) {
            throw GssErrors.local(GSSException.FAILURE, call + " on a context that is "
                    + (held.isEstablished() ? "already established" : "unusable after an earlier failure"));
        }
    }

    /** A context-establishment call: resent to a restarted daemon only if it cannot have arrived (replays). */
    private <R extends GssxRes> R leg(Procedure procedure, GssxArg args,
                                     Class<R> type) throws GSSException {
        R result;
        try {
            result = proxy.link().call(procedure, args, type, Resend.IF_NOT_SENT);
        } catch (GSSException e) {
            unusable = true;
            throw e;
        }
        if (GssStatusText.isError(result.status().majorStatus())) {
            unusable = true; // RFC 2743 section 2.2.1: a failed leg ends the context
            throw GssErrors.of(procedure.name(), result.status());
        }
        return result;
    }

    private static boolean continueNeeded(GssxStatus status) {
        return (status.majorStatus() & GssStatusText.CONTINUE_NEEDED) != 0;
    }

    private void syncCredential(List<GssxOption> options) {
        Options.value(options, Options.SYNC_CREDS).ifPresent(blob -> {
            try {
                credential.refresh(GssxCred.fromXdr(blob, XdrLimits.DEFAULT));
            } catch (RuntimeException e) {
                // An undecodable refresh is only a missed optimisation: the old handle still works.
            }
        });
    }

    private static byte[] bytesOrNull(Optional<Opaque> token) {
        return token.filter(t -> !t.isEmpty()).map(Opaque::toByteArray).orElse(null);
    }

    // --- per-message calls (RFC 2743 section 2.3), done by the daemon with its sealed copy of the context

    /** GSS_Wrap; {@code prop} carries the requested QOP and confidentiality in and what was applied out. */
    public synchronized byte[] wrap(byte[] message, MessageProp prop) throws GSSException {
        return PerMessage.wrap(proxy.link(), held, message, prop);
    }

    /** GSS_Unwrap; {@code prop} receives confidentiality, QOP and the supplementary (sequence) states. */
    public synchronized byte[] unwrap(byte[] token, MessageProp prop) throws GSSException {
        return PerMessage.unwrap(proxy.link(), held, token, prop);
    }

    /** GSS_GetMIC. */
    public synchronized byte[] getMic(byte[] message, MessageProp prop) throws GSSException {
        return PerMessage.getMic(proxy.link(), held, message, prop);
    }

    /** GSS_VerifyMIC; {@code prop} receives the QOP and the supplementary states. */
    public synchronized void verifyMic(byte[] token, byte[] message, MessageProp prop) throws GSSException {
        PerMessage.verifyMic(proxy.link(), held, token, message, prop);
    }

    /** GSS_Wrap_size_limit: the largest message whose wrap token fits {@code maxTokenSize}. */
    public synchronized int wrapSizeLimit(int qop, boolean conf, int maxTokenSize) throws GSSException {
        return PerMessage.wrapSizeLimit(proxy.link(), held, qop, conf, maxTokenSize);
    }

    // --- what GSS_Inquire_context tells

    public boolean isInitiator() {
        return initiator;
    }

    public synchronized boolean isEstablished() {
        return held.isEstablished();
    }

    /** Whether per-message calls may be made (established, or PROT_READY before that). */
    public synchronized boolean isProtReady() {
        return held.isProtReady();
    }

    /** The flags in effect once established; before that, the requested ones. */
    public synchronized long flags() {
        return held.flags(requestedFlags);
    }

    /** Seconds left, 0 before establishment. */
    public synchronized int lifetime() {
        return held.lifetime();
    }

    public synchronized Oid mech() throws GSSException {
        GssxCtx handle = held.current();
        if (handle != null && !handle.mech().isEmpty()) {
            return WireOids.fromWire(handle.mech());
        }
        return mech;
    }

    /** The initiator's name once known; null before. */
    public synchronized ProxyName srcName() throws GSSException {
        GssxCtx handle = held.current();
        return handle == null ? null : ProxyName.ofDaemon(proxy, handle.srcName());
    }

    /** The acceptor's name: the target an initiator asked for until the daemon names it. */
    public synchronized ProxyName targName() throws GSSException {
        GssxCtx handle = held.current();
        ProxyName named = handle == null ? null : ProxyName.ofDaemon(proxy, handle.targName());
        return named != null ? named : target;
    }

    /** The credential the initiator delegated, if it did and this is the acceptor. */
    public synchronized ProxyCredential delegatedCredential() {
        return delegated;
    }

    /** The credential this context was made with; null for the default. */
    public ProxyCredential credential() {
        return credential;
    }

    /**
     * GSS_Export_sec_context: the context as opaque bytes another process of the same uid can {@link
     * GssProxy#importContext import} (with gssproxy4j the daemon's sealed copy, bound to this uid and the
     * service). This context can no longer be used afterwards.
     */
    public synchronized byte[] export() throws GSSException {
        if (!held.isEstablished()) {
            throw GssErrors.local(GSSException.NO_CONTEXT, "only an established context can be exported");
        }
        unusable = true;
        return ContextExport.encode(initiator, held.release());
    }

    /** GSS_Delete_sec_context: releases the handle at the daemon if it keeps state for it (upstream never does). */
    public synchronized void dispose() throws GSSException {
        GssxCtx released = held.release();
        unusable = true;
        if (released != null && released.needsRelease()) {
            proxy.release(released);
        }
    }
}
