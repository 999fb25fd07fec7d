package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.server.dispatch.CallContext;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleException;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.xdr.Opaque;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Partially established initiator contexts between INIT_SEC_CONTEXT legs. Upstream exports the context on
 * GSS_S_CONTINUE_NEEDED and sends the MIT token in plaintext for the client to send back; that token holds the
 * session key and the initiator's subkey. gssproxy4j seals it instead ({@link HandleKind#PARTIAL_CONTEXT}, bound to
 * the service and the caller's uid, AES-256-GCM): the daemon still keeps no state, any daemon with the same keyring
 * (e.g. after a restart) continues the exchange, and a context cannot be read, altered or used by another caller or
 * service.
 */
final class PartialContexts {

    /**
     * How long a client may take to bring back the acceptor's reply. One network round trip is normal; ten minutes
     * also covers an interactive step (e.g. a slow KDC or an OTP prompt at the acceptor) and stays far below any
     * ticket lifetime.
     */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private PartialContexts() {}

    /** Seals the {@code gss_export_sec_context} output of a partial context for the caller of {@code call}. */
    static Opaque seal(CallContext call, byte[] exported) {
        try {
            Instant expiry = call.resources().clock().instant().plus(LIFETIME);
            return Opaque.of(call.resources().sealer().seal(HandleKind.PARTIAL_CONTEXT, binding(call), expiry,
                    exported));
        } finally {
            Arrays.fill(exported, (byte) 0);
        }
    }

    /**
     * Opens and imports a partial context the caller sent back.
     *
     * @throws GssException GSS_S_NO_CONTEXT when the handle does not open (altered, another caller's or service's,
     *                      expired, or sealed with a key this daemon does not hold), with the reason and the fix
     */
    static SecContext open(CallContext call, Opaque sealed) {
        HandleSealer.Opened opened;
        try {
            opened = call.resources().sealer().open(HandleKind.PARTIAL_CONTEXT, binding(call), sealed.toByteArray(),
                    call.resources().clock().instant());
        } catch (HandleException e) {
            throw Requests.noContext(call.resources().gss(), "gssproxy4j partial context",
                    "the partial context in context_handle cannot be used: " + e.getMessage()
                            + ". Fix: start the context again (INIT_SEC_CONTEXT without context_handle)");
        }
        byte[] token = opened.payload();
        try {
            return call.resources().gss().importContext(token);
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    private static Binding binding(CallContext call) {
        return Binding.of(call.service().name(), call.caller().uid());
    }
}
