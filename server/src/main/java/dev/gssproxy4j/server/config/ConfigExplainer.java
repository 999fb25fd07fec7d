package dev.gssproxy4j.server.config;

import dev.gssproxy4j.protocol.ClientEnvVar;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The text of {@code gssproxy4j check-config}: files read, effective global options, every service with every
 * effective setting (defaults included) in match order, warnings, and optionally which service a given caller
 * gets and why. Secrets never appear: the only secret a configuration can hold, a cred_store {@code password},
 * is shown as its length ({@link CredStoreEntry#displayValue()}).
 */
public final class ConfigExplainer {

    private static final String INDENT = "  ";
    private static final String SETTING = "     ";

    private ConfigExplainer() {
    }

    public static String explain(GssProxyConfig config, Optional<Caller> caller) {
        StringBuilder out = new StringBuilder();
        out.append("Files read:\n");
        config.sources().forEach(p -> out.append(INDENT).append(p).append('\n'));

        out.append("\n[gssproxy]\n");
        global(out, ConfigOption.DEBUG_LEVEL, Integer.toString(config.debugLevel()));
        global(out, ConfigOption.SYSLOG_STATUS, yesNo(config.syslogStatus()));
        global(out, ConfigOption.RUN_AS_USER, config.runAsUser().orElse("(not set: the daemon stays root)"));
        global(out, ConfigOption.WORKER_THREADS, Integer.toString(config.workerThreads()));
        global(out, ConfigOption.KEYRING, config.keyring().toString());
        ConnectionSettings limits = config.connections();
        global(out, ConfigOption.MAX_CONNECTIONS_PER_UID, Integer.toString(limits.maxConnectionsPerUid()));
        global(out, ConfigOption.MAX_QUEUED_CALLS_PER_UID, Integer.toString(limits.maxQueuedCallsPerUid()));
        global(out, ConfigOption.REQUEST_TIMEOUT, Long.toString(limits.requestTimeout().toSeconds()));
        global(out, ConfigOption.CONNECTION_IDLE_TIMEOUT, Long.toString(limits.idleTimeout().toSeconds()));
        out.append(INDENT).append("main socket = ").append(config.mainSocket()).append('\n');

        out.append("\nServices in match order (a caller gets the first that matches):\n");
        if (config.services().isEmpty()) {
            out.append(INDENT).append("(none)\n");
        }
        for (int i = 0; i < config.services().size(); i++) {
            service(out, i + 1, config.services().get(i), config.mainSocket());
        }

        out.append("\nWarnings: ").append(config.warnings().isEmpty() ? "none" : config.warnings().size())
                .append('\n');
        config.warnings().forEach(w -> out.append(INDENT).append(w).append('\n'));

        caller.ifPresent(c -> match(out, config, c));
        return out.toString();
    }

    /** The text for a configuration that did not load: every error, then every warning found until then. */
    public static String explainFailure(ConfigException failure) {
        StringBuilder out = new StringBuilder();
        out.append("Configuration rejected, errors: ").append(failure.errors().size()).append('\n');
        failure.errors().forEach(e -> out.append(INDENT).append(e).append('\n'));
        out.append("Warnings: ").append(failure.warnings().isEmpty() ? "none" : failure.warnings().size())
                .append('\n');
        failure.warnings().forEach(w -> out.append(INDENT).append(w).append('\n'));
        return out.toString();
    }

    private static void service(StringBuilder out, int position, ServiceConfig s, Path mainSocket) {
        out.append(INDENT).append(position).append(". [service/").append(s.name()).append("]  ")
                .append(s.origin()).append('\n');
        set(out, ConfigOption.EUID, s.euid().isPresent() ? Integer.toUnsignedString(s.euid().getAsInt()) : "(missing)");
        set(out, ConfigOption.MECHS, s.mechs().isEmpty() ? "(missing)" : s.mechs().iterator().next().configName());
        set(out, ConfigOption.SOCKET, s.socket().map(Path::toString).orElse(mainSocket + " (main socket)"));
        if (s.credStore().isEmpty()) {
            set(out, ConfigOption.CRED_STORE, "(none: MIT defaults, the daemon's ccache and /etc/krb5.keytab)");
        }
        s.credStore().forEach(e -> set(out, ConfigOption.CRED_STORE, e.toString()));
        set(out, ConfigOption.CRED_USAGE, s.credUsageText());
        set(out, ConfigOption.ALLOW_ANY_UID, yesNo(s.allowAnyUid()));
        set(out, ConfigOption.TRUSTED, yesNo(s.trusted()));
        set(out, ConfigOption.IMPERSONATE, yesNo(s.impersonate()));
        set(out, ConfigOption.ALLOW_PROTOCOL_TRANSITION, yesNo(s.allowProtocolTransition()));
        set(out, ConfigOption.ALLOW_CONSTRAINED_DELEGATION, yesNo(s.allowConstrainedDelegation()));
        set(out, ConfigOption.ALLOW_CLIENT_CCACHE_SYNC, yesNo(s.allowClientCcacheSync()));
        set(out, ConfigOption.ALLOW_CLIENT_ENV, s.allowClientEnv().isEmpty() ? "(none: callers' environment is not used)"
                : s.allowClientEnv().stream().map(ConfigExplainer::clientEnv).collect(Collectors.joining(", ")));
        set(out, ConfigOption.KERNEL_NFSD, yesNo(s.kernelNfsd()));
        set(out, ConfigOption.KRB5_PRINCIPAL, s.krb5Principal().orElse("(not set)"));
        set(out, ConfigOption.FILTER_FLAGS, s.filterFlags().toString());
        set(out, ConfigOption.ENFORCE_FLAGS, s.enforceFlags().toString());
        set(out, ConfigOption.MIN_LIFETIME, s.minLifetime() + " s");
        set(out, ConfigOption.PROGRAM, s.program().map(Path::toString).orElse("(any)"));
        set(out, ConfigOption.SELINUX_CONTEXT, s.selinuxContext().map(SelinuxContext::toString).orElse("(any)"));
    }

    private static void match(StringBuilder out, GssProxyConfig config, Caller caller) {
        ServiceMatcher.Match m = new ServiceMatcher(config).match(caller);
        out.append("\nCaller ").append(caller.describe())
                .append(caller.gid() < 0 ? "" : " gid " + Integer.toUnsignedString(caller.gid()))
                .append(caller.selinuxLabel().map(l -> " label " + l).orElse(""))
                .append(" on socket ").append(caller.socket()).append(":\n");
        out.append(INDENT).append(m.service().map(s -> "-> service '" + s.name() + "'")
                .orElse("-> no service matches: gssproxy4j answers its calls with GSS_S_UNAUTHORIZED naming only "
                        + "the caller, and logs these reasons (upstream gssproxy drops the connection without a "
                        + "reply)")).append('\n');
        m.reasons().forEach(r -> out.append(INDENT).append(r).append('\n'));
    }

    private static void global(StringBuilder out, ConfigOption option, String value) {
        out.append(INDENT).append(option.key()).append(" = ").append(value).append('\n');
    }

    private static void set(StringBuilder out, ConfigOption option, String value) {
        out.append(SETTING).append(option.key()).append(" = ").append(value).append('\n');
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** A client environment variable with what the daemon does with the file the caller names in it. */
    private static String clientEnv(ClientEnvVar variable) {
        return variable + switch (variable) {
            case KRB5CCNAME -> " (initiate from the caller's own ccache file)";
            case KRB5_CLIENT_KTNAME -> " (initiate with tickets from the caller's own client keytab file)";
            case KRB5_KTNAME -> " (accept with the caller's own keytab file)";
        };
    }
}
