package dev.gssproxy4j.server.config;

import dev.gssproxy4j.protocol.ClientEnvVar;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads one {@code [service/NAME]} section into a {@link ServiceConfig} (upstream {@code load_services} and
 * {@code get_krb5_mech_cfg}). Per-value problems are reported here; rules that need the whole service or several
 * services (required options, program paths, ambiguity) are {@link ConfigValidator}'s.
 */
final class ServiceSectionParser {

    /** Upstream's {@code strncmp(secname, "service/", 8)}: case-sensitive. */
    static final String PREFIX = "service/";

    /** Cred store keys MIT krb5's {@code gss_acquire_cred_from} understands; others are passed on with a warning. */
    private static final Set<String> MIT_CRED_STORE_KEYS =
            Set.of("keytab", "client_keytab", "ccache", "rcache", "verify", "password");

    private ServiceSectionParser() {
    }

    static boolean isService(IniSection section) {
        return section.name().startsWith(PREFIX);
    }

    static ServiceConfig parse(IniSection section, UserDirectory users, Problems problems) {
        SectionReader r = new SectionReader(section, ConfigOption.Scope.SERVICE, problems);
        ServiceConfig.Builder b = ServiceConfig.builder(section.name().substring(PREFIX.length()))
                .origin(new SectionOrigin(section.file(), section.line(), section.name(), r.keyLines()));

        euid(r, users).ifPresent(b::euid);
        r.text(ConfigOption.MECHS).ifPresent(v -> Mech.byConfigValue(v).ifPresentOrElse(b::mech, () ->
                r.error(ConfigOption.MECHS, "'" + v + "' is not supported (upstream compares the whole value "
                        + "with 'krb5' and silently drops the service otherwise)", "write 'mechs = krb5'")));
        r.text(ConfigOption.SOCKET).flatMap(v -> GlobalSectionParser.absolutePath(r, ConfigOption.SOCKET, v))
                .ifPresent(b::socket);
        credStore(r, b);
        r.text(ConfigOption.CRED_USAGE).ifPresent(v -> Values.parseCredUsage(v).ifPresentOrElse(b::credUsage, () ->
                r.error(ConfigOption.CRED_USAGE, "'" + v + "' is not a credential usage",
                        "write initiate, accept or both")));
        r.bool(ConfigOption.ALLOW_ANY_UID).ifPresent(b::allowAnyUid);
        r.bool(ConfigOption.TRUSTED).ifPresent(b::trusted);
        r.bool(ConfigOption.IMPERSONATE).ifPresent(b::impersonate);
        r.bool(ConfigOption.ALLOW_PROTOCOL_TRANSITION).ifPresent(b::allowProtocolTransition);
        r.bool(ConfigOption.ALLOW_CONSTRAINED_DELEGATION).ifPresent(b::allowConstrainedDelegation);
        r.bool(ConfigOption.ALLOW_CLIENT_CCACHE_SYNC).ifPresent(b::allowClientCcacheSync);
        r.text(ConfigOption.ALLOW_CLIENT_ENV).ifPresent(v -> allowClientEnv(r, b, v));
        r.bool(ConfigOption.KERNEL_NFSD).ifPresent(b::kernelNfsd);
        r.text(ConfigOption.KRB5_PRINCIPAL).ifPresent(b::krb5Principal);
        r.text(ConfigOption.FILTER_FLAGS).ifPresent(v -> b.filterFlags(flags(r, ConfigOption.FILTER_FLAGS, v)));
        r.text(ConfigOption.ENFORCE_FLAGS).ifPresent(v -> b.enforceFlags(flags(r, ConfigOption.ENFORCE_FLAGS, v)));
        r.integer(ConfigOption.MIN_LIFETIME).ifPresent(v -> {
            if (v < 0) {
                r.warn(ConfigOption.MIN_LIFETIME, "negative; the default is used, as upstream does",
                        "write 0 or more seconds");
            } else {
                b.minLifetime(v);
            }
        });
        r.text(ConfigOption.PROGRAM).ifPresent(v -> path(r, ConfigOption.PROGRAM, v).ifPresent(b::program));
        r.text(ConfigOption.SELINUX_CONTEXT).ifPresent(v -> {
            r.warn(ConfigOption.SELINUX_CONTEXT, "deprecated upstream", "give the service its own socket or euid");
            try {
                b.selinuxContext(SelinuxContext.parse(v));
            } catch (IllegalArgumentException e) {
                r.error(ConfigOption.SELINUX_CONTEXT, e.getMessage(), "write user:role:type or user:role:type:range");
            }
        });
        return b.build();
    }

    /**
     * A uid number, else a user name: upstream first tries {@code gp_config_get_int} (a leading decimal number,
     * trailing text ignored), then {@code getpwnam}.
     */
    private static OptionalInt euid(SectionReader r, UserDirectory users) {
        Optional<String> text = r.text(ConfigOption.EUID);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        String v = text.get();
        Optional<Values.LeadingInteger> n = Values.leadingInteger(v);
        if (n.isPresent()) {
            if (n.get().value() < 0) {
                r.error(ConfigOption.EUID, "'" + v + "' is negative", "write a uid (0 or more) or a user name");
                return OptionalInt.empty();
            }
            if (!n.get().rest().isEmpty()) {
                r.warn(ConfigOption.EUID, "text after the uid is ignored: '" + n.get().rest() + "'",
                        "write only the uid, or the user name");
            }
            return OptionalInt.of(n.get().value());
        }
        Optional<UserDirectory.User> user = users.byName(v);
        if (user.isEmpty()) {
            r.error(ConfigOption.EUID, "no user named '" + v + "'", "create the user, or write the numeric uid");
            return OptionalInt.empty();
        }
        return OptionalInt.of(user.get().uid());
    }

    private static void credStore(SectionReader r, ServiceConfig.Builder b) {
        for (IniEntry e : r.all(ConfigOption.CRED_STORE)) {
            int colon = e.value().indexOf(':');
            if (colon <= 0) {
                r.errorAt(e, colon < 0 ? "no ':' between key and value in '" + e.value() + "'"
                                : "empty key in '" + e.value() + "'",
                        "write cred_store = KEY:VALUE, e.g. cred_store = keytab:/etc/krb5.keytab");
                continue;
            }
            String key = e.value().substring(0, colon);
            if (!MIT_CRED_STORE_KEYS.contains(key)) {
                r.warnAt(e, "'" + key + "' is not a cred store key MIT krb5 knows (" + String.join(", ",
                        MIT_CRED_STORE_KEYS.stream().sorted().toList()) + "); passed through unchanged",
                        "check the spelling");
            }
            b.credStore(key, e.value().substring(colon + 1));
        }
    }

    /** Names separated by spaces or commas; an unknown name is an error (a typo would silently allow nothing). */
    private static void allowClientEnv(SectionReader r, ServiceConfig.Builder b, String value) {
        for (String name : value.split("[\\s,]+")) {
            if (!name.isEmpty()) {
                Optional<ClientEnvVar> v = ClientEnvVar.byName(name);
                if (v.isEmpty()) {
                    r.error(ConfigOption.ALLOW_CLIENT_ENV, "'" + name + "' is not a client environment variable",
                            "write KRB5CCNAME, KRB5_CLIENT_KTNAME or KRB5_KTNAME");
                } else {
                    b.allowClientEnv(v.get());
                }
            }
        }
    }

    private static GssFlags flags(SectionReader r, ConfigOption option, String value) {
        return GssFlags.parse(value, option.defaultFlags(), warning -> r.warn(option, warning, ""));
    }

    private static Optional<Path> path(SectionReader r, ConfigOption option, String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            r.error(option, "'" + text + "' is not a valid path: " + e.getReason(), "write a plain absolute path");
            return Optional.empty();
        }
    }
}
