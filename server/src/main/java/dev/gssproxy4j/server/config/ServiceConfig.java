package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.protocol.ClientEnvVar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One {@code [service/NAME]} section, typed. Meanings follow upstream {@code struct gp_service} and
 * {@code man/gssproxy.conf.5}; defaults come from {@link ConfigOption} (see {@link Builder}).
 *
 * <p>{@code euid} and {@code mechs} are required, but absence is representable so that parsing and the validation
 * pass ({@link ConfigValidator}) stay separate; a {@link GssProxyConfig} returned by {@link ConfigLoader} always
 * has both.
 *
 * @param name                        the part after {@code service/}
 * @param origin                      where the section and each option were written
 * @param euid                        uid of the service's processes (names are resolved when parsing)
 * @param mechs                       offered mechanisms; only {@link Mech#KRB5} exists
 * @param socket                      the service's own socket; empty means the main socket
 * @param credStore                   {@code cred_store} elements in file order, not yet templated
 * @param credUsage                   what the service may do with credentials
 * @param allowAnyUid                 any uid may use the service (masks later services on the same socket)
 * @param trusted                     uid names and {@code impersonate_name} are honoured for the service's euid
 * @param impersonate                 user requests use S4U2Self with the service keytab
 * @param allowProtocolTransition     {@code acquire_type=impersonate_name} (S4U2Self) allowed
 * @param allowConstrainedDelegation  init with evidence creds to another target (S4U2Proxy) allowed
 * @param allowClientCcacheSync       refreshed ccaches may be sent back to clients
 * @param allowClientEnv              client environment variables ({@code gssproxy4j.env.*} call_ctx options)
 *                                    whose credentials the service uses, if the caller owns them
 * @param kernelNfsd                  the daemon tells the kernel to use the proxy ({@code use-gss-proxy})
 * @param krb5Principal               default name when the service keytab is used
 * @param filterFlags                 removed from {@code req_flags} on init
 * @param enforceFlags                added to {@code req_flags} on init
 * @param minLifetime                 seconds; cached credentials with less left count as expired
 * @param program                     the only executable allowed; empty means any
 * @param selinuxContext              the peer's SELinux label must match; deprecated upstream
 */
public record ServiceConfig(
        String name,
        SectionOrigin origin,
        OptionalInt euid,
        Set<Mech> mechs,
        Optional<Path> socket,
        List<CredStoreEntry> credStore,
        CredUsage credUsage,
        boolean allowAnyUid,
        boolean trusted,
        boolean impersonate,
        boolean allowProtocolTransition,
        boolean allowConstrainedDelegation,
        boolean allowClientCcacheSync,
        Set<ClientEnvVar> allowClientEnv,
        boolean kernelNfsd,
        Optional<String> krb5Principal,
        GssFlags filterFlags,
        GssFlags enforceFlags,
        int minLifetime,
        Optional<Path> program,
        Optional<SelinuxContext> selinuxContext) {

    public ServiceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(euid, "euid");
        mechs = mechs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(mechs));
        Objects.requireNonNull(socket, "socket");
        credStore = List.copyOf(credStore);
        Objects.requireNonNull(credUsage, "credUsage");
        allowClientEnv = allowClientEnv.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(allowClientEnv));
        Objects.requireNonNull(krb5Principal, "krb5Principal");
        Objects.requireNonNull(filterFlags, "filterFlags");
        Objects.requireNonNull(enforceFlags, "enforceFlags");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(selinuxContext, "selinuxContext");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The socket callers of this service connect to: its own, or {@code mainSocket}. */
    public Path effectiveSocket(Path mainSocket) {
        return socket.orElse(mainSocket);
    }

    /** {@link #credUsage} as the configuration spells it: {@code both}, {@code initiate} or {@code accept}. */
    public String credUsageText() {
        return Values.credUsageText(credUsage);
    }

    /** The first {@code cred_store} value with this key (e.g. {@code keytab}), untemplated. */
    public Optional<String> credStoreValue(String key) {
        return credStore.stream().filter(e -> e.key().equals(key)).map(CredStoreEntry::value).findFirst();
    }

    /** Builds a service; every field starts at its {@link ConfigOption} default. */
    public static final class Builder {
        private final String name;
        private SectionOrigin origin;
        private OptionalInt euid = OptionalInt.empty();
        private final Set<Mech> mechs = EnumSet.noneOf(Mech.class);
        private Path socket;
        private final List<CredStoreEntry> credStore = new ArrayList<>();
        private CredUsage credUsage = Values.parseCredUsage(
                ConfigOption.CRED_USAGE.defaultText().orElseThrow()).orElseThrow();
        private boolean allowAnyUid = ConfigOption.ALLOW_ANY_UID.defaultBoolean();
        private boolean trusted = ConfigOption.TRUSTED.defaultBoolean();
        private boolean impersonate = ConfigOption.IMPERSONATE.defaultBoolean();
        private boolean allowProtocolTransition = ConfigOption.ALLOW_PROTOCOL_TRANSITION.defaultBoolean();
        private boolean allowConstrainedDelegation = ConfigOption.ALLOW_CONSTRAINED_DELEGATION.defaultBoolean();
        private boolean allowClientCcacheSync = ConfigOption.ALLOW_CLIENT_CCACHE_SYNC.defaultBoolean();
        private final Set<ClientEnvVar> allowClientEnv = EnumSet.noneOf(ClientEnvVar.class);
        private boolean kernelNfsd = ConfigOption.KERNEL_NFSD.defaultBoolean();
        private String krb5Principal;
        private GssFlags filterFlags = ConfigOption.FILTER_FLAGS.defaultFlags();
        private GssFlags enforceFlags = ConfigOption.ENFORCE_FLAGS.defaultFlags();
        private int minLifetime = ConfigOption.MIN_LIFETIME.defaultInteger();
        private Path program;
        private SelinuxContext selinuxContext;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.origin = SectionOrigin.synthetic("service/" + name);
        }

        public Builder origin(SectionOrigin v) { origin = v; return this; }
        public Builder euid(int v) { euid = OptionalInt.of(v); return this; }
        public Builder mech(Mech v) { mechs.add(v); return this; }
        public Builder socket(Path v) { socket = v; return this; }
        public Builder credStore(String key, String value) { credStore.add(new CredStoreEntry(key, value)); return this; }
        public Builder credUsage(CredUsage v) { credUsage = v; return this; }
        public Builder allowAnyUid(boolean v) { allowAnyUid = v; return this; }
        public Builder trusted(boolean v) { trusted = v; return this; }
        public Builder impersonate(boolean v) { impersonate = v; return this; }
        public Builder allowProtocolTransition(boolean v) { allowProtocolTransition = v; return this; }
        public Builder allowConstrainedDelegation(boolean v) { allowConstrainedDelegation = v; return this; }
        public Builder allowClientCcacheSync(boolean v) { allowClientCcacheSync = v; return this; }
        public Builder allowClientEnv(ClientEnvVar v) { allowClientEnv.add(v); return this; }
        public Builder kernelNfsd(boolean v) { kernelNfsd = v; return this; }
        public Builder krb5Principal(String v) { krb5Principal = v; return this; }
        public Builder filterFlags(GssFlags v) { filterFlags = v; return this; }
        public Builder enforceFlags(GssFlags v) { enforceFlags = v; return this; }
        public Builder minLifetime(int v) { minLifetime = v; return this; }
        public Builder program(Path v) { program = v; return this; }
        public Builder selinuxContext(SelinuxContext v) { selinuxContext = v; return this; }

        public ServiceConfig build() {
            return new ServiceConfig(name, origin, euid, mechs, Optional.ofNullable(socket), credStore, credUsage,
                    allowAnyUid, trusted, impersonate, allowProtocolTransition, allowConstrainedDelegation,
                    allowClientCcacheSync, allowClientEnv, kernelNfsd, Optional.ofNullable(krb5Principal), filterFlags,
                    enforceFlags, minLifetime, Optional.ofNullable(program), Optional.ofNullable(selinuxContext));
        }
    }
}
