package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Options;
import java.util.List;
import java.util.Optional;

/**
 * How ACQUIRE_CRED obtains a credential (upstream {@code enum gp_aqcuire_cred_type}, {@code gp_get_acquire_type}):
 * normally from the service's cred store, or with {@code acquire_type=impersonate_name} by S4U2Self with the
 * client's input credential as the impersonator.
 */
public enum AcquireType {
    NORMAL,
    IMPERSONATE_NAME;

    /**
     * The type named by the {@code acquire_type} option: none means {@link #NORMAL}; an unknown value is empty
     * (upstream answers it with GSS_S_FAILURE and minor EINVAL).
     */
    public static Optional<AcquireType> fromOptions(List<GssxOption> options) {
        Optional<String> value = Options.valueText(options, Options.ACQUIRE_TYPE);
        if (value.isEmpty()) {
            return Optional.of(NORMAL);
        }
        return value.get().equals(Options.IMPERSONATE_NAME) ? Optional.of(IMPERSONATE_NAME) : Optional.empty();
    }
}
