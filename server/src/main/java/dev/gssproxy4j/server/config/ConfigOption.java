package dev.gssproxy4j.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every option gssproxy4j reads, with its section, value kind and default: the one table the parsers, the
 * validator and {@code check-config} share. Names, defaults and meaning follow upstream {@code gp_config.c} and
 * {@code man/gssproxy.conf.5.xml}; defaults are written in config syntax and parsed like a configured value.
 *
 * <p>Keys are matched case-insensitively, as ding-libs does; {@code worker threads} really contains a space.
 */
public enum ConfigOption {

    // [gssproxy]
    DEBUG(Scope.GLOBAL, "debug", Kind.BOOLEAN, "false", "same as debug_level = 1 (debug_level wins if both are set)"),
    DEBUG_LEVEL(Scope.GLOBAL, "debug_level", Kind.INTEGER, "0", "1 basic, 2 adds RPC dumps and matching, 3 KRB5_TRACE"),
    SYSLOG_STATUS(Scope.GLOBAL, "syslog_status", Kind.BOOLEAN, "false", "failed calls' GSS status in the log"),
    RUN_AS_USER(Scope.GLOBAL, "run_as_user", Kind.STRING, null, "user to drop privileges to after binding sockets"),
    WORKER_THREADS(Scope.GLOBAL, "worker threads", Kind.INTEGER, "5", "number of worker threads (< 1 means 5)"),
    /** gssproxy4j addition; upstream ignores unknown keys, so a shared file stays usable by both daemons. */
    KEYRING(Scope.GLOBAL, "keyring", Kind.PATH, Defaults.KEYRING.toString(),
            "gssproxy4j: file with the keys that seal handles"),
    /** gssproxy4j addition (connection limits, read at start-up). */
    MAX_CONNECTIONS_PER_UID(Scope.GLOBAL, "max_connections_per_uid", Kind.INTEGER, "1024",
            "gssproxy4j: open connections one uid other than root may hold"),
    MAX_QUEUED_CALLS_PER_UID(Scope.GLOBAL, "max_queued_calls_per_uid", Kind.INTEGER, "32",
            "gssproxy4j: calls of one uid that may wait for a GSS worker; more get GSS_S_UNAVAILABLE"),
    REQUEST_TIMEOUT(Scope.GLOBAL, "request_timeout", Kind.INTEGER, "10",
            "gssproxy4j: seconds a begun request may take to arrive, and a reply to be read"),
    CONNECTION_IDLE_TIMEOUT(Scope.GLOBAL, "connection_idle_timeout", Kind.INTEGER, "0",
            "gssproxy4j: seconds a connection may stay idle (0: forever, as upstream)"),

    // [service/NAME]
    EUID(Scope.SERVICE, "euid", Kind.USER, null, "required: uid number or user name of the service's processes"),
    MECHS(Scope.SERVICE, "mechs", Kind.CHOICE, null, "required: must be exactly 'krb5'"),
    SOCKET(Scope.SERVICE, "socket", Kind.PATH, null, "own socket instead of the main one"),
    CRED_STORE(Scope.SERVICE, "cred_store", Kind.LIST, null, "repeatable KEY:VALUE for gss_acquire_cred_from"),
    CRED_USAGE(Scope.SERVICE, "cred_usage", Kind.CHOICE, "both", "initiate, accept or both"),
    ALLOW_ANY_UID(Scope.SERVICE, "allow_any_uid", Kind.BOOLEAN, "false", "any uid may use the service"),
    TRUSTED(Scope.SERVICE, "trusted", Kind.BOOLEAN, "false", "accept uid names and impersonate_name"),
    IMPERSONATE(Scope.SERVICE, "impersonate", Kind.BOOLEAN, "false", "S4U2Self for user requests"),
    ALLOW_PROTOCOL_TRANSITION(Scope.SERVICE, "allow_protocol_transition", Kind.BOOLEAN, "false",
            "allow acquire_type=impersonate_name (S4U2Self)"),
    ALLOW_CONSTRAINED_DELEGATION(Scope.SERVICE, "allow_constrained_delegation", Kind.BOOLEAN, "false",
            "allow S4U2Proxy with evidence tickets"),
    ALLOW_CLIENT_CCACHE_SYNC(Scope.SERVICE, "allow_client_ccache_sync", Kind.BOOLEAN, "false",
            "send refreshed ccache back to clients"),
    /** gssproxy4j addition: the original design's GET_CALL_CONTEXT credential finding (docs/PROTOCOL.md). */
    ALLOW_CLIENT_ENV(Scope.SERVICE, "allow_client_env", Kind.STRING, "",
            "gssproxy4j: caller's KRB5CCNAME, KRB5_KTNAME, KRB5_CLIENT_KTNAME the service uses (files it owns)"),
    KERNEL_NFSD(Scope.SERVICE, "kernel_nfsd", Kind.BOOLEAN, "false", "tell the kernel (use-gss-proxy) to use us"),
    KRB5_PRINCIPAL(Scope.SERVICE, "krb5_principal", Kind.STRING, null, "default name when the service keytab is used"),
    FILTER_FLAGS(Scope.SERVICE, "filter_flags", Kind.FLAGS, "+DELEGATE", "req_flags removed on init"),
    ENFORCE_FLAGS(Scope.SERVICE, "enforce_flags", Kind.FLAGS, "", "req_flags added on init"),
    MIN_LIFETIME(Scope.SERVICE, "min_lifetime", Kind.INTEGER, "15", "seconds; cached creds with less count as expired"),
    PROGRAM(Scope.SERVICE, "program", Kind.PATH, null, "match only this absolute, canonical executable path"),
    SELINUX_CONTEXT(Scope.SERVICE, "selinux_context", Kind.STRING, null, "deprecated: match the peer's SELinux label"),

    // Removed upstream (get_krb5_mech_cfg makes them fatal); kept here so the error can name the replacement.
    KRB5_KEYTAB(Scope.SERVICE, "krb5_keytab", Kind.REMOVED, "keytab", "removed: use cred_store = keytab:PATH"),
    KRB5_CCACHE(Scope.SERVICE, "krb5_ccache", Kind.REMOVED, "ccache", "removed: use cred_store = ccache:NAME"),
    KRB5_CLIENT_KEYTAB(Scope.SERVICE, "krb5_client_keytab", Kind.REMOVED, "client_keytab",
            "removed: use cred_store = client_keytab:PATH");

    /** The section an option belongs to. */
    public enum Scope { GLOBAL, SERVICE }

    /** How the value text is read. */
    public enum Kind { BOOLEAN, INTEGER, STRING, PATH, USER, CHOICE, FLAGS, LIST, REMOVED }

    private final Scope scope;
    private final String key;
    private final Kind kind;
    private final String defaultText;
    private final String summary;

    ConfigOption(Scope scope, String key, Kind kind, String defaultText, String summary) {
        this.scope = scope;
        this.key = key;
        this.kind = kind;
        this.defaultText = defaultText;
        this.summary = summary;
    }

    public Scope scope() {
        return scope;
    }

    /** The key as written in the file (lower case). */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** Default in config syntax, empty if the option has none (or, for {@link Kind#REMOVED}, never). */
    public Optional<String> defaultText() {
        return kind == Kind.REMOVED ? Optional.empty() : Optional.ofNullable(defaultText);
    }

    /** For a removed option, the cred_store key that replaces it. */
    public Optional<String> replacementCredStoreKey() {
        return kind == Kind.REMOVED ? Optional.of(defaultText) : Optional.empty();
    }

    /** The default of a {@link Kind#BOOLEAN} option. */
    boolean defaultBoolean() {
        return Values.parseBoolean(requireDefault(Kind.BOOLEAN)).orElseThrow();
    }

    /** The default of a {@link Kind#INTEGER} option. */
    int defaultInteger() {
        return Integer.parseInt(requireDefault(Kind.INTEGER));
    }

    /** The default of a {@link Kind#FLAGS} option. */
    GssFlags defaultFlags() {
        return GssFlags.parse(requireDefault(Kind.FLAGS), GssFlags.NONE, warning -> {
            throw new IllegalStateException(warning);
        });
    }

    private String requireDefault(Kind expected) {
        if (kind != expected || defaultText == null) {
            throw new IllegalStateException(key + " has no " + expected + " default");
        }
        return defaultText;
    }

    public String summary() {
        return summary;
    }

    /** Looks up a key (case-insensitive) regardless of its section. */
    public static Optional<ConfigOption> byKey(String key) {
        String wanted = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.key.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
