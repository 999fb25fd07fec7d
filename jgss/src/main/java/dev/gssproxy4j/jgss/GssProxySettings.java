package dev.gssproxy4j.jgss;

import dev.gssproxy4j.jgss.gss.ConnectionSettings;
import dev.gssproxy4j.jgss.gss.GssProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.Oid;

/**
 * Everything the provider is told: which daemon and how to route. Each setting is read from the first of
 * <ol>
 *   <li>the agent options, {@code -javaagent:gssproxy4j-jgss.jar=socket=/run/gp.sock,behavior=REMOTE_FIRST};</li>
 *   <li>a system property {@code -Dgssproxy4j.<option>=...};</li>
 *   <li>the interposer's environment variables, for the two it has: {@code GSSPROXY_SOCKET},
 *       {@code GSSPROXY_BEHAVIOR};</li>
 *   <li>the default.</li>
 * </ol>
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>socket</td><td>/var/lib/gssproxy/default.sock</td><td>the daemon's socket</td></tr>
 *   <tr><td>behavior</td><td>REMOTE_ONLY</td><td>{@link Behavior} for every credential</td></tr>
 *   <tr><td>behavior.initiate</td><td>behavior</td><td>for initiating (default initiator credentials)</td></tr>
 *   <tr><td>behavior.accept</td><td>behavior</td><td>for accepting</td></tr>
 *   <tr><td>principals.local</td><td>none</td><td>{@link PrincipalRules}: names ({@code ;}-separated, or
 *       {@code *@REALM}) whose credentials come from the JDK's krb5, whatever their usage</td></tr>
 *   <tr><td>principals.remote</td><td>none</td><td>names whose credentials come from the daemon</td></tr>
 *   <tr><td>pool</td><td>4</td><td>connections to the daemon at once</td></tr>
 *   <tr><td>timeout</td><td>15</td><td>seconds a call may take</td></tr>
 *   <tr><td>reconnect</td><td>5</td><td>seconds to keep reconnecting while the daemon restarts</td></tr>
 *   <tr><td>env</td><td>yes</td><td>send the variables the daemon lists ({@code KRB5CCNAME},
 *       {@code KRB5_CLIENT_KTNAME}, {@code KRB5_KTNAME}) from this process's environment (docs/PROTOCOL.md,
 *       "Extension: client environment"); {@code no} never asks</td></tr>
 * </table>
 * {@code GSS_USE_PROXY} set to {@code no}, {@code false}, {@code 0} or {@code off} turns the agent off, so the one
 * switch that disables the interposer disables this too.
 *
 * @param connection how to reach the daemon
 * @param initiate   where initiator credentials come from
 * @param accept     where acceptor credentials come from
 * @param principals where credentials for listed names come from, before their usage is asked
 * @param sendEnvironment answer the daemon's GET_CALL_CONTEXT from {@code System.getenv}
 */
public record GssProxySettings(ConnectionSettings connection, Behavior initiate, Behavior accept,
                               PrincipalRules principals, boolean sendEnvironment) {

    private static final Set<String> OPTIONS = Set.of("socket", "behavior", "behavior.initiate", "behavior.accept",
            "principals.local", "principals.remote", "pool", "timeout", "reconnect", "env");

    public GssProxySettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(initiate, "initiate");
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(principals, "principals");
    }

    /** The default socket, REMOTE_ONLY, no principal rules. */
    public static GssProxySettings defaults() {
        return new GssProxySettings(ConnectionSettings.of(ConnectionSettings.DEFAULT_SOCKET), Behavior.REMOTE_ONLY,
                Behavior.REMOTE_ONLY, PrincipalRules.none(), true);
    }

    /** Settings for {@code socket} from this process's system properties and environment otherwise. */
    public static GssProxySettings forSocket(Path socket) {
        return resolve("socket=" + socket.toAbsolutePath());
    }

    /**
     * The settings from agent options (may be null or empty), system properties and environment.
     *
     * @throws IllegalArgumentException naming the option, its value and what is accepted
     */
    public static GssProxySettings resolve(String agentOptions) {
        return resolve(agentOptions, System::getProperty, System::getenv);
    }

    static GssProxySettings resolve(String agentOptions, UnaryOperator<String> properties,
                                    UnaryOperator<String> environment) {
        Map<String, String> given = parseAgentOptions(agentOptions);
        Lookup lookup = option -> {
            String value = given.get(option);
            if (value == null) {
                value = properties.apply("gssproxy4j." + option);
            }
            if (value == null) {
                value = switch (option) {
                    case "socket" -> environment.apply("GSSPROXY_SOCKET");
                    case "behavior" -> environment.apply("GSSPROXY_BEHAVIOR");
                    default -> null;
                };
            }
            return value == null || value.isBlank() ? null : value.trim();
        };
        Path socket = Path.of(lookup.or("socket", ConnectionSettings.DEFAULT_SOCKET.toString()));
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException("gssproxy4j socket '" + socket + "' must be an absolute path");
        }
        ConnectionSettings connection = new ConnectionSettings(socket,
                integer("pool", lookup.or("pool", "" + ConnectionSettings.DEFAULT_MAX_CONNECTIONS), 1,
                        ConnectionSettings.MAX_CONNECTIONS, "connections to the daemon at once"),
                seconds("timeout", lookup.or("timeout", "" + ConnectionSettings.DEFAULT_IO_TIMEOUT.toSeconds()), 1),
                seconds("reconnect", lookup.or("reconnect",
                        "" + ConnectionSettings.DEFAULT_RECONNECT_WAIT.toSeconds()), 0));
        Behavior both = Behavior.parse(lookup.or("behavior", Behavior.REMOTE_ONLY.name()));
        return new GssProxySettings(connection,
                Behavior.parse(lookup.or("behavior.initiate", both.name())),
                Behavior.parse(lookup.or("behavior.accept", both.name())),
                PrincipalRules.parse(lookup.get("principals.local"), lookup.get("principals.remote")),
                yesNo("env", lookup.or("env", "yes")));
    }

    /** Whether {@code GSS_USE_PROXY} (the interposer's switch) turns proxying off in {@code environment}. */
    static boolean disabledBy(UnaryOperator<String> environment) {
        String value = environment.apply("GSS_USE_PROXY");
        return value != null && Set.of("no", "false", "0", "off").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** Where credentials for {@code jdkUsage} come from; a credential for both uses follows {@link #initiate}. */
    public Behavior forUsage(int jdkUsage) {
        return jdkUsage == GSSCredential.ACCEPT_ONLY ? accept : initiate;
    }

    /**
     * Where a credential acquired for {@code name} of {@code nameType} and {@code jdkUsage} comes from: a
     * {@link PrincipalRules principal rule} if one names it, else {@link #forUsage}.
     */
    public Behavior forCredential(String name, Oid nameType, int jdkUsage) {
        return principals.forName(name, nameType).orElse(forUsage(jdkUsage));
    }

    private interface Lookup {
        String get(String option);

        default String or(String option, String fallback) {
            String value = get(option);
            return value != null ? value : fallback;
        }
    }

    private static Map<String, String> parseAgentOptions(String options) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (options == null || options.isBlank()) {
            return parsed;
        }
        for (String part : options.split(",")) {
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).trim();
            if (eq < 0 || !OPTIONS.contains(key)) {
                throw new IllegalArgumentException("gssproxy4j agent option '" + part.trim() + "' is not one of "
                        + "socket=, behavior=, behavior.initiate=, behavior.accept=, principals.local=, "
                        + "principals.remote=, pool=, timeout=, reconnect=, env= "
                        + "(separate options with commas)");
            }
            parsed.put(key, part.substring(eq + 1).trim());
        }
        return parsed;
    }

    /** {@code value} of {@code option} as a number from {@code min} to {@code max}, which {@code unit} names. */
    private static int integer(String option, String value, int min, int max, String unit) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gssproxy4j " + option + " '" + value + "' is not a number", e);
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException("gssproxy4j " + option + " '" + value + "' must be " + min
                    + (max == Integer.MAX_VALUE ? " or more" : " to " + max) + " (" + unit + ")");
        }
        return number;
    }

    private static boolean yesNo(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException("gssproxy4j " + option + " '" + value + "' is not yes or no");
        };
    }

    /** The GSS-API layer over the daemon of these settings; close it when done. */
    public GssProxy open() {
        return GssProxy.open(connection, sendEnvironment ? System::getenv : GssProxy.NO_ENVIRONMENT);
    }

    /** {@code value} of {@code option}: whole seconds ({@code 15} or {@code 15s}), at least {@code min}. */
    private static Duration seconds(String option, String value, int min) {
        String digits = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
        return Duration.ofSeconds(integer(option, digits, min, Integer.MAX_VALUE, "seconds"));
    }
}
