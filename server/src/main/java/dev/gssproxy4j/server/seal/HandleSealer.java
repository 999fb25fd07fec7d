package dev.gssproxy4j.server.seal;

import static dev.gssproxy4j.server.seal.SealedLayout.HEADER_BYTES;
import static dev.gssproxy4j.server.seal.SealedLayout.MAX_PAYLOAD_BYTES;
import static dev.gssproxy4j.server.seal.SealedLayout.NONCE_BYTES;
import static dev.gssproxy4j.server.seal.SealedLayout.NONCE_OFFSET;
import static dev.gssproxy4j.server.seal.SealedLayout.OVERHEAD;
import static dev.gssproxy4j.server.seal.SealedLayout.PLAINTEXT_PREFIX_BYTES;
import static dev.gssproxy4j.server.seal.SealedLayout.TAG_BITS;
import static dev.gssproxy4j.server.seal.SealedLayout.VERSION;

import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.seal.HandleException.Reason;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens the daemon's stateless handles with AES-256-GCM, in the layout of {@link SealedLayout}.
 *
 * <p><b>Nonces.</b> Each seal draws a fresh random 96-bit nonce. NIST SP 800-38D section 8.3 allows at most 2^32
 * random-nonce encryptions per key, which keeps the chance of any nonce repeating under 2^-32 (a repeat would leak
 * the XOR of two plaintexts and let the GCM authentication key be recovered). This sealer counts seals per key and
 * calls {@link Keyring#rotate()} after {@code sealsPerKey} (default 2^31, half the limit) seals. The count starts
 * from zero in every process, so also call {@link Keyring#rotateIfOlderThan} at start-up.
 *
 * <p><b>Speed.</b> One {@code Cipher} per thread, initialised per call: the daemon's calls run on a bounded set of
 * platform worker threads, so the ciphers are bounded too. A new {@code Cipher} per call costs a provider lookup,
 * the AES key schedule and a few kB of garbage every time, twice per accept (the credential handle opened, the
 * context sealed): visible in the accept path's profile (docs/BENCHMARKS.md).
 *
 * <p>Thread-safe.
 */
public final class HandleSealer {

    /** Seals per key before an automatic rotation: half of the SP 800-38D random-nonce limit of 2^32. */
    public static final long DEFAULT_SEALS_PER_KEY = 1L << 31;
    /** After a failed automatic rotation, try again every this many seals. */
    private static final long ROTATION_RETRY_SEALS = 1L << 20;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** Initialised afresh for every seal and open, so no state carries over between calls. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(HandleSealer::newCipher);

    private final Keyring keyring;
    private final SealCounter counter;
    private final SecureRandom random = new SecureRandom();

    /** The contents of an opened handle. {@link #toString()} prints the payload length only. */
    public record Opened(byte[] payload, Instant expiry) {
        public Opened {
            payload = payload.clone();
            Objects.requireNonNull(expiry, "expiry");
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Opened o && Arrays.equals(payload, o.payload) && expiry.equals(o.expiry);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(payload) + expiry.hashCode();
        }

        @Override
        public String toString() {
            return "Opened[payload=" + payload.length + " bytes, expiry=" + expiry + "]";
        }
    }

    public HandleSealer(Keyring keyring) {
        this(keyring, DEFAULT_SEALS_PER_KEY);
    }

    /** A sealer that rotates the keyring after {@code sealsPerKey} seals with one key. */
    public HandleSealer(Keyring keyring, long sealsPerKey) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        if (sealsPerKey < 1 || sealsPerKey > DEFAULT_SEALS_PER_KEY) {
            throw new IllegalArgumentException(
                    "sealsPerKey must be 1.." + DEFAULT_SEALS_PER_KEY + ", got " + sealsPerKey);
        }
        this.counter = new SealCounter(sealsPerKey, ROTATION_RETRY_SEALS);
    }

    /** Bytes that sealing adds to a payload: header, kind, expiry and tag. */
    public static int overhead() {
        return OVERHEAD;
    }

    /** Largest payload {@link #seal} accepts, so that every sealed handle is at most 1 MiB. */
    public static int maxPayload() {
        return MAX_PAYLOAD_BYTES;
    }

    /**
     * Seals {@code payload} so that it opens only as {@code kind}, for {@code binding}, before {@code expiry}
     * (whole seconds; the fraction is dropped).
     *
     * @throws IllegalArgumentException if the payload is over {@link #maxPayload()} or the expiry is before 1970
     */
    public byte[] seal(HandleKind kind, Binding binding, Instant expiry, byte[] payload) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(binding, "binding");
        long expirySeconds = expiry.getEpochSecond();
        if (expirySeconds < 0) {
            throw new IllegalArgumentException("handle expiry " + expiry + " is before 1970; pass the credential's"
                    + " or context's end time");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a " + kind + " payload of " + payload.length + " bytes is over the "
                    + MAX_PAYLOAD_BYTES + "-byte cap; the mechanism exported an unexpectedly large object");
        }
        KeyringEntry key = keyring.activeKey();
        byte[] sealed = new byte[OVERHEAD + payload.length];
        ByteBuffer.wrap(sealed).put(VERSION).putInt(key.id());
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, sealed, NONCE_OFFSET, NONCE_BYTES);
        byte[] plaintext = ByteBuffer.allocate(PLAINTEXT_PREFIX_BYTES + payload.length)
                .put(kind.wireValue()).putLong(expirySeconds).put(payload).array();
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(SealedLayout.associatedData(key.id(), kind, binding));
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JDK: " + e, e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        if (counter.countAndCheck(key.id())) {
            rotate(key);
        }
        return sealed;
    }

    /**
     * Opens a handle sealed by {@link #seal} with the same {@code kind} and {@code binding}.
     *
     * @throws HandleException if the handle is malformed, sealed with an unknown key, forged or bound to someone
     *                         else, or expired at {@code now}
     */
    public Opened open(HandleKind kind, Binding binding, byte[] sealed, Instant now) throws HandleException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(now, "now");
        SealedLayout.checkShape(kind, sealed);
        int keyId = SealedLayout.keyId(sealed);
        KeyringEntry key = keyring.key(keyId).orElseThrow(() -> new HandleException(Reason.UNKNOWN_KEY,
                "the " + kind + " handle was sealed with key id " + Integer.toUnsignedString(keyId) + ", which this"
                        + " daemon's keyring does not hold: it comes from another installation, from upstream"
                        + " gssproxy, or its key was pruned. Fix: the client must acquire a new credential"));
        byte[] plaintext;
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(),
                    new GCMParameterSpec(TAG_BITS, sealed, NONCE_OFFSET, NONCE_BYTES));
            cipher.updateAAD(SealedLayout.associatedData(keyId, kind, binding));
            plaintext = cipher.doFinal(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            throw new HandleException(Reason.FORGED, "the " + kind + " handle failed its integrity check: it was"
                    + " altered, or it was issued to another uid, target uid, credential store or handle kind than " + binding
                    + " (AES-GCM authenticates them together and cannot tell which). Fix: the client must acquire"
                    + " its own credential instead of reusing another's handle");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JDK: " + e, e);
        }
        try {
            return decodePlaintext(kind, plaintext, now);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static Opened decodePlaintext(HandleKind kind, byte[] plaintext, Instant now) throws HandleException {
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        byte sealedKind = in.get();
        long expirySeconds = in.getLong();
        // Both are authenticated, so these only fail for a handle sealed by a buggy or newer writer.
        if (sealedKind != kind.wireValue() || expirySeconds < 0 || expirySeconds > Instant.MAX.getEpochSecond()) {
            throw new HandleException(Reason.MALFORMED, "the " + kind + " handle is authentic but its kind or expiry"
                    + " is out of range. Fix: the client must acquire a new credential");
        }
        Instant expiry = Instant.ofEpochSecond(expirySeconds);
        if (!now.isBefore(expiry)) {
            throw new HandleException(Reason.EXPIRED, "the " + kind + " handle expired at " + expiry + " (now "
                    + now + "). Fix: the client must acquire a new credential or start a new context");
        }
        return new Opened(Arrays.copyOfRange(plaintext, PLAINTEXT_PREFIX_BYTES, plaintext.length), expiry);
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JDK: " + e, e);
        }
    }

    private void rotate(KeyringEntry worn) {
        try {
            KeyringEntry fresh = keyring.rotate();
            // once per seal budget: rare enough to print always, and an admin may want to know
            DaemonLog.error("handle key " + Integer.toUnsignedString(worn.id()) + " reached its seal budget; rotated"
                    + " to key " + Integer.toUnsignedString(fresh.id()));
        } catch (java.io.IOException | RuntimeException e) {
            // retried every ROTATION_RETRY_SEALS seals, i.e. at the callers' pace: limited
            DaemonLog.errorFrom(DaemonLog.UNKNOWN_UID, "handle key rotation failed", "handle key "
                    + Integer.toUnsignedString(worn.id())
                    + " reached its seal budget but rotation failed; retrying in " + ROTATION_RETRY_SEALS
                    + " seals. Fix the keyring file problem: " + e.getMessage());
        }
    }
}
