package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.mit.ExportedCredKeytab;
import dev.gssproxy4j.protocol.ClientEnvVar;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keytabs one call takes from its caller ({@code gssproxy4j.env.KRB5_CLIENT_KTNAME} to initiate,
 * {@code gssproxy4j.env.KRB5_KTNAME} to accept): each checked and read by {@link CallerFile} when first needed and
 * parsed by MIT from a {@link CallerSnapshot} that lives until the call ends ({@link #close()}), since MIT reads a
 * FILE keytab when it uses it, not when the credential is acquired. Nothing keeps a caller's keytab past its call:
 * the client sends its environment with every call, and each call snapshots again.
 *
 * <p>MIT exports a credential's keytabs by name ({@code export_cred.c}), so handles sealed in this call are
 * {@linkplain #scrub scrubbed} of the snapshots' names: a client keytab becomes none (the handle keeps its tickets
 * and, once they expire, stops opening, so the client acquires again with its keytab), an acceptor keytab becomes
 * {@link #NO_KEYTAB}, an empty MEMORY keytab (never null, which MIT would read as the daemon's default keytab).
 * Such a handle accepts only in a call that sends {@code KRB5_KTNAME} again, where {@link #forAccept} names that
 * call's snapshot instead. Not thread-safe: one call, one thread.
 */
final class CallerKeytabs implements AutoCloseable {

    /** What a sealed handle names instead of a caller's acceptor keytab: an empty MEMORY keytab nothing fills. */
    static final String NO_KEYTAB = "MEMORY:gssproxy4j-caller-keytab-gone";

    private final Gss gss;
    private final ClientEnvironment env;
    private final int callerUid;
    private final Map<ClientEnvVar, CallerSnapshot> snapshots = new EnumMap<>(ClientEnvVar.class);

    CallerKeytabs(Gss gss, ClientEnvironment env, int callerUid) {
        this.gss = gss;
        this.env = env;
        this.callerUid = callerUid;
    }

    /** Whether the caller sent {@code variable} (KRB5_CLIENT_KTNAME or KRB5_KTNAME). */
    boolean sent(ClientEnvVar variable) {
        return env.value(variable).isPresent();
    }

    /**
     * The snapshot of the keytab {@code variable} names, as MIT names it ({@code FILE:<private path>}), made on first
     * use; empty if the caller did not send it.
     *
     * @throws dev.gssproxy4j.mech.GssException GSS_S_FAILURE if the caller's file is refused ({@link CallerFile})
     */
    Optional<String> snapshot(ClientEnvVar variable) {
        if (variable == ClientEnvVar.KRB5CCNAME) {
            throw new IllegalArgumentException("KRB5CCNAME is copied into a ccache, not kept as a keytab");
        }
        Optional<String> value = env.value(variable);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        CallerSnapshot snapshot = snapshots.get(variable);
        if (snapshot == null) {
            byte[] bytes = CallerFile.read(variable, value.get(), callerUid);
            try {
                snapshot = CallerSnapshot.of(bytes, variable == ClientEnvVar.KRB5_KTNAME ? "keytab" : "client.keytab");
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            snapshots.put(variable, snapshot);
        }
        return Optional.of(snapshot.name());
    }

    /**
     * An exported credential {@code token} of this call without the names of this call's snapshots: the client
     * keytab becomes none, the acceptor keytab {@link #NO_KEYTAB}. Any other token is returned as it is.
     */
    byte[] scrub(byte[] token) {
        if (snapshots.isEmpty()) {
            return token;
        }
        byte[] scrubbed = token;
        Optional<ExportedCredKeytab> client = ExportedCredKeytab.findClientKeytab(scrubbed)
                .filter(k -> isSnapshot(k.keytab()));
        if (client.isPresent()) {
            scrubbed = client.get().withoutKeytab();
        }
        Optional<ExportedCredKeytab> acceptor = ExportedCredKeytab.find(scrubbed).filter(k -> isSnapshot(k.keytab()));
        if (acceptor.isPresent()) {
            byte[] previous = scrubbed;
            scrubbed = acceptor.get().withKeytab(NO_KEYTAB);
            if (previous != token) {
                Arrays.fill(previous, (byte) 0);
            }
        }
        return scrubbed;
    }

    /**
     * A handle's exported {@code token}, to accept in a call that sent {@code KRB5_KTNAME}: its acceptor keytab,
     * whatever it names (the service's, or {@link #NO_KEYTAB} from an earlier call), replaced by this call's
     * snapshot of the caller's keytab. Empty if the caller did not send it, or the token names no acceptor keytab.
     */
    Optional<byte[]> forAccept(byte[] token) {
        if (!sent(ClientEnvVar.KRB5_KTNAME)) {
            return Optional.empty();
        }
        Optional<ExportedCredKeytab> named = ExportedCredKeytab.find(token);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(named.get().withKeytab(snapshot(ClientEnvVar.KRB5_KTNAME).orElseThrow()));
    }

    /** Overwrites and deletes this call's snapshots. */
    @Override
    public void close() {
        snapshots.values().forEach(CallerSnapshot::close);
        snapshots.clear();
    }

    private boolean isSnapshot(String keytab) {
        return snapshots.values().stream().anyMatch(s -> s.name().equals(keytab));
    }
}
