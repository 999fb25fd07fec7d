package dev.gssproxy4j.server.seal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key of a {@link Keyring}. The key id travels in clear inside every sealed handle; the key bytes never
 * leave this package and {@link #toString()} prints the id and state only.
 */
public final class KeyringEntry {

    /** Whether new handles are sealed with the key, or it only opens handles sealed earlier. */
    public enum State {
        ACTIVE,
        RETIRED
    }

    /** AES-256 key length in bytes. */
    static final int KEY_BYTES = 32;

    private final int id;
    private final Instant createdAt;
    private final State state;
    private final Instant retiredAt;
    private final SecretKey key;

    KeyringEntry(int id, Instant createdAt, State state, Instant retiredAt, byte[] keyBytes) {
        this(id, createdAt, state, retiredAt, aesKey(keyBytes));
    }

    private KeyringEntry(int id, Instant createdAt, State state, Instant retiredAt, SecretKey key) {
        this.id = id;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.state = Objects.requireNonNull(state, "state");
        if ((state == State.RETIRED) != (retiredAt != null)) {
            throw new IllegalArgumentException("a retired key needs a retirement time and an active key none");
        }
        this.retiredAt = retiredAt;
        this.key = key;
    }

    private static SecretKey aesKey(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be " + KEY_BYTES + " bytes, got " + keyBytes.length);
        }
        return new SecretKeySpec(keyBytes, "AES");
    }

    /** The key id, an unsigned 32-bit value. */
    public int id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public State state() {
        return state;
    }

    /** When a newer key replaced this one; empty while it is active. */
    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt);
    }

    /** This key, retired at {@code when}. */
    KeyringEntry retire(Instant when) {
        return new KeyringEntry(id, createdAt, State.RETIRED, when, key);
    }

    SecretKey secretKey() {
        return key;
    }

    /** A copy of the raw key, for the keyring file only. */
    byte[] keyBytes() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "KeyringEntry[id=" + Integer.toUnsignedString(id) + ", state=" + state + ", createdAt=" + createdAt
                + (retiredAt == null ? "" : ", retiredAt=" + retiredAt) + "]";
    }
}
