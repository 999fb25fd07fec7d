package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.server.config.ConfigOption;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a caller sent as {@code gssproxy4j.env.<NAME>} {@code call_ctx} options
 * (docs/PROTOCOL.md, "Extension: client environment"), each one allowed by its service's {@code allow_client_env}.
 * Only names and values are checked here; whether the caller owns what a value names is {@link CallerCcacheFile}'s
 * job, when the credential is acquired. Values are caller-chosen text: they never reach MIT unchecked.
 *
 * @param values the variables sent, at most one value each
 */
public record ClientEnvironment(Map<ClientEnvVar, String> values) {

    /** What a caller without the extension sends (the interposer, the kernel, upstream's clients). */
    public static final ClientEnvironment NONE = new ClientEnvironment(Map.of());

    /** Longest value taken: PATH_MAX plus a residual type prefix such as {@code FILE:}. */
    static final int MAX_VALUE = 4096 + 16;

    public ClientEnvironment {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * The extension's options among {@code options}. Refused with GSS_S_FAILURE: a variable the service does not
     * allow (minor EACCES, naming the variable and the key that allows it), a variable sent twice or an empty,
     * over-long or NUL-containing value (minor EINVAL). Other options are not looked at.
     */
    public static ClientEnvironment of(ServiceConfig service, List<GssxOption> options) {
        Map<ClientEnvVar, String> values = new EnumMap<>(ClientEnvVar.class);
        for (GssxOption option : options) {
            String name = option.name();
            if (!name.startsWith(ClientEnvVar.OPTION_PREFIX)) {
                continue;
            }
            String variable = name.substring(ClientEnvVar.OPTION_PREFIX.length());
            Optional<ClientEnvVar> known = ClientEnvVar.byName(variable);
            if (known.isEmpty() || !service.allowClientEnv().contains(known.get())) {
                throw GssErrors.of(MajorStatus.GSS_S_FAILURE, Errno.EACCES, null, "service '"
                        + service.name() + "' does not take the client environment variable " + printable(variable)
                        + " (call_ctx option " + printable(name) + "); allowing it takes "
                        + ConfigOption.ALLOW_CLIENT_ENV.key() + " = " + printable(variable) + " in [service/"
                        + service.name() + "], else send only what GET_CALL_CONTEXT lists");
            }
            String value = option.valueText();
            if (value.isEmpty() || value.length() > MAX_VALUE || value.indexOf('\0') >= 0) {
                throw invalid(name + " must be a non-empty text of at most " + MAX_VALUE
                        + " characters without NUL (a C string with its trailing NUL, or without it)");
            }
            if (values.putIfAbsent(known.get(), value) != null) {
                throw invalid(name + " was sent twice; send each variable once");
            }
        }
        return new ClientEnvironment(values);
    }

    public Optional<String> value(ClientEnvVar variable) {
        return Optional.ofNullable(values.get(variable));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Prints the names only: the values are the caller's paths. */
    @Override
    public String toString() {
        return "ClientEnvironment" + values.keySet();
    }

    /** A caller-chosen name shortened and stripped of control characters before it goes into a minor text. */
    private static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static RuntimeException invalid(String explanation) {
        return GssErrors.of(MajorStatus.GSS_S_FAILURE, Errno.EINVAL, null, explanation);
    }
}
