package dev.gssproxy4j.server.handler.accept;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.Options;
import java.util.Optional;

/**
 * What the caller asked to get back, from its {@code call_ctx} options (upstream {@code gp_get_exported_context_type}
 * and {@code gp_get_export_creds_type}): the context as an MIT {@code gss_export_sec_context} token (default) or
 * as a {@code linux_lucid_v1} buffer, and optionally the initiator's local uid/gid/groups ({@code linux_creds_v1}).
 * An option with any other value is an error (GSS_S_FAILURE, EINVAL), as upstream has it.
 *
 * @param lucid       {@code exported_context_type=linux_lucid_v1}
 * @param linuxCreds  {@code exported_creds_type=linux_creds_v1}
 */
public record ExportTypes(boolean lucid, boolean linuxCreds) {

    /** The requested types, or empty when an option has a value this daemon does not know. */
    public static Optional<ExportTypes> of(CallCtx callCtx) {
        Optional<String> context = Options.valueText(callCtx.options(), Options.EXPORTED_CONTEXT_TYPE);
        Optional<String> creds = Options.valueText(callCtx.options(), Options.EXPORTED_CREDS_TYPE);
        if (context.filter(v -> !v.equals(Options.LINUX_LUCID_V1)).isPresent()
                || creds.filter(v -> !v.equals(Options.LINUX_CREDS_V1)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new ExportTypes(context.isPresent(), creds.isPresent()));
    }

    /** Names the offending option for the error text. */
    public static String problem(CallCtx callCtx) {
        return "call_ctx option " + Options.EXPORTED_CONTEXT_TYPE + " must be " + Options.LINUX_LUCID_V1 + " and "
                + Options.EXPORTED_CREDS_TYPE + " must be " + Options.LINUX_CREDS_V1 + " (got "
                + Options.valueText(callCtx.options(), Options.EXPORTED_CONTEXT_TYPE).orElse("none") + ", "
                + Options.valueText(callCtx.options(), Options.EXPORTED_CREDS_TYPE).orElse("none") + ")";
    }
}
