package dev.gssproxy4j.client;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.proc.ArgGetCallContext;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The client side of gssproxy4j's client-environment extension (docs/PROTOCOL.md): GET_CALL_CONTEXT says which
 * environment variables the caller's service takes ({@code gssproxy4j.env.<NAME>} options), and the answer is one
 * {@code call_ctx} option per listed variable that is set here, its value that variable's. A variable that is not
 * set is not sent, and the daemon then uses the service's configured store. Upstream gssproxy lists none, so
 * nothing is ever sent to it. Only the process's own environment is read: the daemon checks that the caller owns
 * whatever a value names.
 */
public final class EnvironmentOptions {

    /** What GET_CALL_CONTEXT is asked with: an empty call context and no options. */
    public static final ArgGetCallContext QUESTION = new ArgGetCallContext(CallCtx.EMPTY, List.of());

    private EnvironmentOptions() {}

    /** The variables a GET_CALL_CONTEXT result lists, in its order; none if it failed. Unknown names are skipped. */
    public static List<ClientEnvVar> wanted(ResGetCallContext result) {
        if (!result.status().isComplete()) {
            return List.of();
        }
        List<ClientEnvVar> wanted = new ArrayList<>();
        for (GssxOption option : result.options()) {
            String name = option.name();
            if (name.startsWith(ClientEnvVar.OPTION_PREFIX)) {
                ClientEnvVar.byName(name.substring(ClientEnvVar.OPTION_PREFIX.length()))
                        .filter(v -> !wanted.contains(v)).ifPresent(wanted::add);
            }
        }
        return List.copyOf(wanted);
    }

    /** One option per variable of {@code wanted} that {@code environment} (e.g. {@code System::getenv}) sets. */
    public static List<GssxOption> answer(List<ClientEnvVar> wanted, UnaryOperator<String> environment) {
        List<GssxOption> options = new ArrayList<>();
        for (ClientEnvVar variable : wanted) {
            Optional.ofNullable(environment.apply(variable.name())).filter(v -> !v.isEmpty())
                    .ifPresent(v -> options.add(GssxOption.of(variable.optionName(), v)));
        }
        return List.copyOf(options);
    }
}
