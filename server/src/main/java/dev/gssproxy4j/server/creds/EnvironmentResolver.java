package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.server.config.CredStoreEntry;
import dev.gssproxy4j.server.config.CredStoreTemplate;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.config.UserDirectory;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Upstream's {@code gp_get_cred_environment} (src/gp_creds.c), step by step:
 * <ol>
 *   <li>a requested usage of BOTH narrows to the service's {@code cred_usage}; any other conflict is refused
 *       (GSS_S_CRED_UNAVAIL, minor EACCES);</li>
 *   <li>a trusted service called by its own euid with a GSS_C_NT_STRING_UID_NAME or GSS_C_NT_MACHINE_UID_NAME
 *       name acts for that uid (rpc.gssd style); otherwise a caller other than the service's euid makes a user
 *       request, and the service's euid uses the service keytab ({@code trusted} also without a name);</li>
 *   <li>a user request of an {@code impersonate} service (usage INITIATE or BOTH) uses the service keytab and asks
 *       for the target uid's user name (S4U2Self);</li>
 *   <li>the service keytab with no name asks for {@code krb5_principal}, if set;</li>
 *   <li>every cred store value is templated ({@code %U}, {@code %u}) with the target uid; the service keytab
 *       copies {@code keytab} into {@code client_keytab};</li>
 *   <li>without a {@code ccache} element the call gets a private MEMORY ccache ({@link SegregatedCcache}).</li>
 * </ol>
 * gssproxy4j adds the original design's client environment (each variable allowed by the service): a caller that
 * sent {@code gssproxy4j.env.KRB5CCNAME} initiates from a private MEMORY copy of its own ccache file
 * ({@link CallerCcacheFile}), one that sent {@code KRB5_CLIENT_KTNAME} gets initial tickets from a snapshot of its
 * own client keytab ({@link CallerKeytabs}) into the call's private MEMORY ccache, which replaces the store's
 * {@code ccache}; one that sent {@code KRB5_KTNAME} accepts with a snapshot of its own keytab, which replaces the
 * store's {@code keytab}. With any of them the store's {@code client_keytab} and {@code password} are left out, so
 * the credential is the caller's own and nothing the service's secrets could renew it into; with only the ccache
 * or the client keytab the acceptor {@code keytab} stays.
 * Deviations, both on the safe side: the private ccache is also added when the service keytab comes from a
 * {@code client_keytab}-only store (upstream then falls back to the daemon's default ccache), and never for an
 * ACCEPT-only acquisition, which uses no ccache.
 */
final class EnvironmentResolver {

    private final Gss gss;
    private final ServiceConfig service;
    private final int callerUid;
    private final UserDirectory users;
    private final ClientEnvironment clientEnv;
    private final CallerKeytabs keytabs;

    EnvironmentResolver(Gss gss, ServiceConfig service, int callerUid, UserDirectory users,
                        ClientEnvironment clientEnv, CallerKeytabs keytabs) {
        this.gss = gss;
        this.service = service;
        this.callerUid = callerUid;
        this.users = users;
        this.clientEnv = clientEnv;
        this.keytabs = keytabs;
    }

    CredEnvironment resolve(Optional<GssxName> desiredName, CredUsage requested,
                            Supplier<SegregatedCcache> newCcache) {
        CredUsage usage = narrow(requested);
        boolean isServiceEuid = service.euid().isPresent() && service.euid().getAsInt() == callerUid;
        int targetUid = callerUid;
        boolean userRequested = false;
        boolean useServiceKeytab = false;
        boolean uidName = false;
        GssName name = null;
        try {
            if (desiredName.isPresent()) {
                Optional<Oid> type = Names.nameType(desiredName.get().nameType());
                if (service.trusted() && isServiceEuid && type.filter(EnvironmentResolver::isUidType).isPresent()) {
                    targetUid = uid(desiredName.get(), type.get());
                    userRequested = true;
                    uidName = true;
                } else {
                    userRequested = !isServiceEuid;
                    useServiceKeytab = isServiceEuid;
                    name = Names.importName(gss, desiredName.get()).orElse(null);
                }
            } else if (service.trusted() && isServiceEuid) {
                useServiceKeytab = true;
            } else if (!isServiceEuid) {
                userRequested = true;
            }
            if (userRequested && service.impersonate() && usage != CredUsage.ACCEPT) {
                useServiceKeytab = true;
                if (name != null) {
                    name.close();
                }
                name = gss.importName(userName(targetUid), Oid.NT_USER_NAME);
            }
            if (useServiceKeytab && name == null && service.krb5Principal().isPresent()) {
                name = gss.importName(service.krb5Principal().get(), Oid.KRB5_NT_PRINCIPAL_NAME);
            }
            Map<String, String> store = store(targetUid, useServiceKeytab);
            boolean fromCaller = fromCaller(usage);
            if (fromCaller && uidName) {
                throw GssErrors.of(GssErrors.CRED_UNAVAIL, Errno.EINVAL, Oid.KRB5, "the client"
                        + " environment names the caller's own ccache or keytabs; they cannot stand for the uid a"
                        + " trusted service names");
            }
            Optional<SegregatedCcache> ccache = fromCaller ? useCallerFiles(store, usage, newCcache)
                    : Optional.empty();
            if (ccache.isEmpty() && !store.isEmpty() && !store.containsKey("ccache") && usage != CredUsage.ACCEPT) {
                ccache = Optional.of(newCcache.get());
                store.put("ccache", ccache.get().name());
            }
            CredEnvironment env = new CredEnvironment(usage, targetUid, userRequested, useServiceKeytab, uidName,
                    fromCaller, Optional.ofNullable(name), store, ccache);
            name = null;
            return env;
        } finally {
            if (name != null) {
                name.close();
            }
        }
    }

    /** Whether the caller sent a variable of its client environment that an acquisition for {@code usage} reads. */
    private boolean fromCaller(CredUsage usage) {
        boolean initiate = usage != CredUsage.ACCEPT && (clientEnv.value(ClientEnvVar.KRB5CCNAME).isPresent()
                || keytabs.sent(ClientEnvVar.KRB5_CLIENT_KTNAME));
        return initiate || usage != CredUsage.INITIATE && keytabs.sent(ClientEnvVar.KRB5_KTNAME);
    }

    /** A keytab that holds no key: MIT's MEMORY keytabs exist, empty, once named. */
    static final String NO_CLIENT_KEYTAB = "MEMORY:gssproxy4j-no-client-keytab";

    /**
     * The caller's own files in {@code store} instead of the service's secrets: its keytab as {@code keytab}; its
     * ccache copied into, or its client keytab's tickets got into, the call's private MEMORY ccache, which is
     * returned. The service's {@code client_keytab} and {@code password} go: MIT would renew a ccache whose
     * principal (which the caller wrote) is in the client keytab or matches the password, i.e. with the service's
     * secrets.
     */
    private Optional<SegregatedCcache> useCallerFiles(Map<String, String> store, CredUsage usage,
                                                      Supplier<SegregatedCcache> newCcache) {
        store.remove("client_keytab");
        store.remove("password");
        if (usage != CredUsage.INITIATE) {
            keytabs.snapshot(ClientEnvVar.KRB5_KTNAME).ifPresent(keytab -> store.put("keytab", keytab));
        }
        if (usage == CredUsage.ACCEPT) {
            return Optional.empty();
        }
        Optional<String> ccname = clientEnv.value(ClientEnvVar.KRB5CCNAME);
        Optional<String> clientKeytab = keytabs.snapshot(ClientEnvVar.KRB5_CLIENT_KTNAME);
        if (ccname.isEmpty() && clientKeytab.isEmpty()) {
            return Optional.empty();
        }
        SegregatedCcache ccache = newCcache.get();
        ccname.ifPresent(name -> CallerCcacheFile.copyInto(gss, name, callerUid, ccache.name()));
        store.put("ccache", ccache.name());
        // without a client keytab of the caller's, name an empty one: with none named MIT would take the root
        // daemon's default client keytab (krb5_kt_client_default) to renew a ccache whose principal the caller wrote
        store.put("client_keytab", clientKeytab.orElse(NO_CLIENT_KEYTAB));
        return Optional.of(ccache);
    }

    private CredUsage narrow(CredUsage requested) {
        CredUsage allowed = service.credUsage();
        if (allowed == CredUsage.BOTH) {
            return requested;
        }
        if (requested == CredUsage.BOTH || requested == allowed) {
            return allowed;
        }
        throw GssErrors.refused("service '" + service.name() + "' has cred_usage = "
                + service.credUsageText() + ", so it cannot acquire credentials to " + requested.name().toLowerCase()
                + "; use a service section with cred_usage = " + requested.name().toLowerCase() + " or both");
    }

    private Map<String, String> store(int targetUid, boolean useServiceKeytab) {
        List<CredStoreEntry> entries;
        try {
            entries = CredStoreTemplate.expandAll(service.credStore(), targetUid, users);
        } catch (CredStoreTemplate.UnknownUserException e) {
            throw GssErrors.of(GssErrors.CRED_UNAVAIL, Errno.ENOENT, Oid.KRB5, "service '"
                    + service.name() + "': " + e.getMessage() + "; add the user or use %U instead of %u");
        }
        Map<String, String> store = new LinkedHashMap<>();
        entries.forEach(e -> store.putIfAbsent(e.key(), e.value()));
        if (useServiceKeytab && !store.isEmpty()) {
            String keytab = store.get("keytab");
            if (keytab != null) {
                store.put("client_keytab", keytab);
            } else if (!store.containsKey("client_keytab")) {
                throw GssErrors.of(GssErrors.CRED_UNAVAIL, Errno.EINVAL, Oid.KRB5, "service '"
                        + service.name() + "' acts with its own keys but its cred_store has neither keytab nor"
                        + " client_keytab; add cred_store = keytab:<path>");
            }
        }
        return store;
    }

    private String userName(int uid) {
        return users.byUid(uid).map(UserDirectory.User::name).orElseThrow(() -> GssErrors.of(
                GssErrors.CRED_UNAVAIL, Errno.ENOENT, Oid.KRB5, "service '" + service.name()
                        + "' impersonates users, but uid " + Integer.toUnsignedString(uid)
                        + " has no user name to impersonate"));
    }

    private static boolean isUidType(Oid type) {
        return type.equals(Oid.NT_STRING_UID_NAME) || type.equals(Oid.NT_MACHINE_UID_NAME);
    }

    /**
     * The uid a trusted service named. Upstream runs {@code atol} on the display name (rpc.gssd sends decimal
     * text); here the text must be a decimal number, and a 4-byte non-text MACHINE_UID_NAME is read as the binary
     * {@code uid_t} RFC 2744 defines for that type. Anything else is refused rather than read as uid 0.
     */
    private int uid(GssxName name, Oid type) {
        String text = name.displayText().strip();
        if (!text.isEmpty() && text.length() <= 10 && text.chars().allMatch(Character::isDigit)) {
            long uid = Long.parseLong(text);
            if (uid <= 0xffff_fffeL) {
                return (int) uid;
            }
        }
        byte[] raw = name.displayName().toByteArray();
        if (type.equals(Oid.NT_MACHINE_UID_NAME) && raw.length == Integer.BYTES) {
            return ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()).getInt();
        }
        throw GssErrors.of(MajorStatus.GSS_S_BAD_NAME, Errno.EINVAL, Oid.KRB5, "service '"
                + service.name() + "' named a uid that is not a decimal number (" + raw.length + " bytes)");
    }
}
