package dev.gssproxy4j.server.handler.accept;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.util.Optional;

/**
 * What the caller asked to get back, from its {@code call_ctx} options (upstream {@code gp_get_exported_context_type}
 * and {@code gp_get_export_creds_type}): the context as an MIT {@code gss_export_sec_context} token (default) or
 * as a {@code linux_lucid_v1} buffer, optionally the initiator's local uid/gid/groups ({@code linux_creds_v1}),
 * and, gssproxy4j's extension, only the sealed copy of the context ({@code gssproxy4j.sealed_only=1},
 * docs/PROTOCOL.md). An option with any other value is an error (GSS_S_FAILURE, EINVAL), as upstream has it, and so
 * is {@code sealed_only} together with a lucid context, which has no sealed copy and is itself the keys in clear.
 *
 * @param lucid       {@code exported_context_type=linux_lucid_v1}
 * @param linuxCreds  {@code exported_creds_type=linux_creds_v1}
 * @param sealedOnly  {@code gssproxy4j.sealed_only=1}: leave {@code exported_context_token} of a complete context
 *                    empty
 */
public record ExportTypes(boolean lucid, boolean linuxCreds, boolean sealedOnly) {

    /** The requested types, or empty when an option has a value this daemon does not know. */
    public static Optional<ExportTypes> of(CallCtx callCtx) {
        Optional<String> context = Options.valueText(callCtx.options(), Options.EXPORTED_CONTEXT_TYPE);
        Optional<String> creds = Options.valueText(callCtx.options(), Options.EXPORTED_CREDS_TYPE);
        Optional<Boolean> sealedOnly = sealedOnly(callCtx);
        if (context.filter(v -> !v.equals(Options.LINUX_LUCID_V1)).isPresent()
                || creds.filter(v -> !v.equals(Options.LINUX_CREDS_V1)).isPresent()
                || sealedOnly.isEmpty() || (sealedOnly.get() && context.isPresent())) {
            return Optional.empty();
        }
        return Optional.of(new ExportTypes(context.isPresent(), creds.isPresent(), sealedOnly.get()));
    }

    /**
     * The requested types, as ACCEPT and INIT read them.
     *
     * @throws dev.gssproxy4j.mech.GssException GSS_S_FAILURE with minor EINVAL naming the option, for a value this
     *                                          daemon does not know
     */
    public static ExportTypes required(CallCtx callCtx) {
        return of(callCtx).orElseThrow(() -> GssErrors.of(MajorStatus.GSS_S_FAILURE, Errno.EINVAL, null,
                problem(callCtx)));
    }

    /**
     * The {@code gssproxy4j.sealed_only} option alone, as the per-message procedures read it (they ignore the other
     * two, as upstream does): false without it, empty when its value is not {@code 1}.
     */
    public static Optional<Boolean> sealedOnly(CallCtx callCtx) {
        Optional<String> value = Options.valueText(callCtx.options(), Options.SEALED_ONLY);
        if (value.isEmpty()) {
            return Optional.of(false);
        }
        return value.get().equals(Options.SEALED_ONLY_ON) ? Optional.of(true) : Optional.empty();
    }

    /** Names the offending option for the error text. */
    public static String problem(CallCtx callCtx) {
        return "call_ctx option " + Options.EXPORTED_CONTEXT_TYPE + " must be " + Options.LINUX_LUCID_V1 + ", "
                + Options.EXPORTED_CREDS_TYPE + " must be " + Options.LINUX_CREDS_V1 + " and " + Options.SEALED_ONLY
                + " must be " + Options.SEALED_ONLY_ON + ", not together with " + Options.EXPORTED_CONTEXT_TYPE
                + " (got " + Options.valueText(callCtx.options(), Options.EXPORTED_CONTEXT_TYPE).orElse("none") + ", "
                + Options.valueText(callCtx.options(), Options.EXPORTED_CREDS_TYPE).orElse("none") + ", "
                + Options.valueText(callCtx.options(), Options.SEALED_ONLY).orElse("none") + ")";
    }
}
