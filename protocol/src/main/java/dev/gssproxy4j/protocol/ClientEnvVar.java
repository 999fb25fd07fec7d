package dev.gssproxy4j.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The client environment variables of gssproxy4j's credential-finding extension (docs/PROTOCOL.md, "Extension:
 * client environment"), the original gssproxy design's {@code GET_CALL_CONTEXT}: the daemon lists the variables a
 * service accepts, and the client sends each one's value back as the {@code call_ctx} option
 * {@code gssproxy4j.env.<NAME>}. The names are MIT krb5's own variables, and mean what they mean to MIT.
 */
public enum ClientEnvVar {

    /** The caller's credential cache, for initiating (INIT_SEC_CONTEXT, ACQUIRE_CRED). */
    KRB5CCNAME,
    /** The caller's keytab, for accepting (ACCEPT_SEC_CONTEXT, ACQUIRE_CRED). */
    KRB5_KTNAME,
    /** The caller's client keytab, to get initial tickets when initiating. */
    KRB5_CLIENT_KTNAME;

    /** What every option name of the extension starts with. */
    public static final String OPTION_PREFIX = "gssproxy4j.env.";

    /** The {@code gssx_option} name that carries this variable, e.g. {@code gssproxy4j.env.KRB5CCNAME}. */
    public String optionName() {
        return OPTION_PREFIX + name();
    }

    /** The variable spelled exactly {@code name} (case-sensitive, as environment variables are). */
    public static Optional<ClientEnvVar> byName(String name) {
        return Arrays.stream(values()).filter(v -> v.name().equals(name)).findFirst();
    }
}
