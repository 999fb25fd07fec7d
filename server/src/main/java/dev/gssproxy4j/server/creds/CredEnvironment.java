package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom one acquisition gets its credential: the output of upstream's {@code gp_get_cred_environment}.
 * Closing it releases the requested name; a segregated ccache belongs to the {@link CredentialPolicy} of the call
 * (the credential keeps using it until the call ends).
 *
 * @param usage            the requested usage narrowed to the service's {@code cred_usage}
 * @param targetUid        the uid the credential is for: the caller's, or the one a trusted service named
 * @param userRequested    the credential is for a user, not for the service itself
 * @param useServiceKeytab the service's own keytab provides the credential ({@code client_keytab := keytab})
 * @param uidNameRequest   a trusted service named the target uid (GSS_C_NT_STRING_UID_NAME/MACHINE_UID_NAME)
 * @param fromCaller       the credential comes from the caller's own ccache or keytabs (its client environment:
 *                         {@code KRB5CCNAME}, {@code KRB5_CLIENT_KTNAME}, {@code KRB5_KTNAME})
 * @param requestedName    the name to acquire for; empty means the store's or library's default
 * @param credStore        the cred store for {@code gss_acquire_cred_from}, templated for {@code targetUid}, in
 *                         configuration order; empty means MIT's defaults
 * @param segregated       the per-call MEMORY ccache added to {@code credStore}, if any
 */
public record CredEnvironment(CredUsage usage, int targetUid, boolean userRequested, boolean useServiceKeytab,
                              boolean uidNameRequest, boolean fromCaller, Optional<GssName> requestedName, Map<String, String> credStore,
                              Optional<SegregatedCcache> segregated) implements AutoCloseable {

    public CredEnvironment {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(requestedName, "requestedName");
        credStore = Collections.unmodifiableMap(new LinkedHashMap<>(credStore));
        Objects.requireNonNull(segregated, "segregated");
    }

    /** The requested name, or null for GSS_C_NO_NAME (as the mechanism API takes it). */
    public GssName requestedNameOrNull() {
        return requestedName.orElse(null);
    }

    @Override
    public void close() {
        requestedName.ifPresent(GssName::close);
    }

    /** Never prints cred store values (a {@code password} element is a secret). */
    @Override
    public String toString() {
        return "CredEnvironment[usage=" + usage + ", targetUid=" + Integer.toUnsignedString(targetUid)
                + ", userRequested=" + userRequested + ", useServiceKeytab=" + useServiceKeytab
                + ", uidNameRequest=" + uidNameRequest + ", fromCaller=" + fromCaller + ", requestedName=" + requestedName.isPresent()
                + ", credStore keys=" + credStore.keySet() + ", segregated=" + segregated.isPresent() + "]";
    }
}
