package dev.gssproxy4j.server.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AES-256 keys that seal the daemon's handles: exactly one active key seals new handles, retired keys still
 * open handles sealed before a {@link #rotate()}. Unlike upstream gssproxy, which borrows the service keytab's
 * long-term key or makes an ephemeral key that dies on every restart and SIGHUP ({@code gp_init_creds_handle}),
 * these keys are dedicated to sealing and, with a keyring file, survive restarts.
 *
 * <p>The first key gets a random id and later ids count up from it, so a handle from another installation almost
 * certainly carries an id this keyring lacks and fails with {@link HandleException.Reason#UNKNOWN_KEY}.
 *
 * <h2>File format, version 1</h2>
 * UTF-8 text, lines ending in {@code \n}. The first line is exactly {@code gssproxy4j-keyring 1}; lines starting
 * with {@code #} and empty lines are ignored; every other line is one key with six fields separated by one space:
 * <pre>
 * gssproxy4j-keyring 1
 * key 2837465921 2025-01-31T12:00:00Z retired 2025-03-01T08:00:00Z &lt;base64 of 32 bytes&gt;
 * key 2837465922 2025-03-01T08:00:00Z active - &lt;base64 of 32 bytes&gt;
 * </pre>
 * Fields: {@code key}, the id (unsigned 32-bit decimal), created-at (ISO-8601 UTC), {@code active} or
 * {@code retired}, retired-at ({@code -} for the active key), the key (standard base64). Exactly one key is active
 * and ids are unique. The file must be a regular file owned by the daemon's uid with mode 0600; it is created so at
 * first start (its directory 0700) and every change replaces it atomically ({@link KeyringFile}).
 *
 * <p>Thread-safe: lookups read an immutable snapshot; changes are serialised and persisted before they are seen.
 * Key bytes are never logged; {@link #toString()} prints ids only.
 */
public final class Keyring {

    private record Snapshot(List<KeyringEntry> entries, Map<Integer, KeyringEntry> byId, KeyringEntry active) {
        static Snapshot of(List<KeyringEntry> entries) {
            Map<Integer, KeyringEntry> byId = new HashMap<>();
            KeyringEntry active = null;
            for (KeyringEntry entry : entries) {
                byId.put(entry.id(), entry);
                if (entry.state() == KeyringEntry.State.ACTIVE) {
                    active = entry;
                }
            }
            return new Snapshot(List.copyOf(entries), Map.copyOf(byId), Objects.requireNonNull(active, "active"));
        }
    }

    private final Path file;
    private final Clock clock;
    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile Snapshot snapshot;

    private Keyring(Path file, Clock clock, List<KeyringEntry> entries) {
        this.file = file;
        this.clock = clock;
        this.snapshot = Snapshot.of(entries);
    }

    /**
     * Loads the keyring at {@code file}, or creates it with one fresh key if it does not exist.
     *
     * @throws java.io.IOException if the file cannot be read or written, is not owned by the daemon's uid, is
     *                             accessible to group or other (the message names {@code chmod 600 file}), or is
     *                             damaged
     */
    public static Keyring loadOrCreate(Path file) throws IOException {
        return loadOrCreate(file, Clock.systemUTC());
    }

    static Keyring loadOrCreate(Path file, Clock clock) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = KeyringFile.readChecked(file);
            return new Keyring(file, clock, KeyringFormat.decode(content, file.toString()));
        }
        List<KeyringEntry> first = List.of(newKey(randomId(), clock));
        KeyringFile.writeAtomically(file, KeyringFormat.encode(first));
        return new Keyring(file, clock, first);
    }

    /** An in-memory keyring with one fresh key, for tests and for a configuration without a keyring path. */
    public static Keyring ephemeral() {
        return ephemeral(Clock.systemUTC());
    }

    static Keyring ephemeral(Clock clock) {
        return new Keyring(null, clock, List.of(newKey(randomId(), clock)));
    }

    /** The key that seals new handles. */
    public KeyringEntry activeKey() {
        return snapshot.active();
    }

    /** The key with this id, active or retired. */
    public Optional<KeyringEntry> key(int id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    /** All keys, oldest first. */
    public List<KeyringEntry> entries() {
        return snapshot.entries();
    }

    /** The backing file; empty for an {@link #ephemeral()} keyring. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Adds a fresh active key and retires the current one, which keeps opening the handles it sealed. The new
     * keyring is written to disk before it is used, so a failed write changes nothing.
     */
    public synchronized KeyringEntry rotate() throws IOException {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        List<KeyringEntry> next = new ArrayList<>();
        for (KeyringEntry entry : current.entries()) {
            next.add(entry == current.active() ? entry.retire(now) : entry);
        }
        KeyringEntry fresh = newKey(nextId(current), clock);
        next.add(fresh);
        commit(next);
        return fresh;
    }

    /**
     * Rotates if the active key is older than {@code maxAge}. Call it at start-up: the seal counter of
     * {@link HandleSealer} restarts with the process, so age bounds the uses of a key across restarts.
     *
     * @return whether a new key was made
     */
    public synchronized boolean rotateIfOlderThan(Duration maxAge) throws IOException {
        if (activeKey().createdAt().plus(maxAge).isAfter(clock.instant())) {
            return false;
        }
        rotate();
        return true;
    }

    /**
     * Deletes retired keys that were retired before {@code cutoff}. Handles they sealed stop opening
     * ({@link HandleException.Reason#UNKNOWN_KEY}), so pass now minus the longest handle lifetime the daemon issues.
     *
     * @return the keys removed
     */
    public synchronized List<KeyringEntry> pruneRetiredBefore(Instant cutoff) throws IOException {
        List<KeyringEntry> kept = new ArrayList<>();
        List<KeyringEntry> removed = new ArrayList<>();
        for (KeyringEntry entry : snapshot.entries()) {
            boolean old = entry.retiredAt().map(at -> at.isBefore(cutoff)).orElse(false);
            (old ? removed : kept).add(entry);
        }
        if (!removed.isEmpty()) {
            commit(kept);
        }
        return List.copyOf(removed);
    }

    private void commit(List<KeyringEntry> next) throws IOException {
        Snapshot candidate = Snapshot.of(next);
        if (file != null) {
            KeyringFile.writeAtomically(file, KeyringFormat.encode(candidate.entries()));
        }
        snapshot = candidate;
    }

    private static KeyringEntry newKey(int id, Clock clock) {
        byte[] key = new byte[KeyringEntry.KEY_BYTES];
        RANDOM.nextBytes(key);
        KeyringEntry entry = new KeyringEntry(id, clock.instant(), KeyringEntry.State.ACTIVE, null, key);
        Arrays.fill(key, (byte) 0); // SecretKeySpec holds its own copy
        return entry;
    }

    private static int randomId() {
        int id;
        do {
            id = RANDOM.nextInt();
        } while (id == 0);
        return id;
    }

    /** The id after the active one, skipping 0 and ids still in use (unsigned wrap-around). */
    private static int nextId(Snapshot current) {
        int id = current.active().id();
        do {
            id++;
        } while (id == 0 || current.byId().containsKey(id));
        return id;
    }

    @Override
    public String toString() {
        Snapshot current = snapshot;
        List<String> retired = current.entries().stream()
                .filter(e -> e.state() == KeyringEntry.State.RETIRED)
                .map(e -> Integer.toUnsignedString(e.id())).toList();
        return "Keyring[" + (file == null ? "ephemeral" : file) + ", active="
                + Integer.toUnsignedString(current.active().id()) + ", retired=" + retired + "]";
    }
}
