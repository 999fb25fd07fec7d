package dev.gssproxy4j.server.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A short, stable key for a sealed handle, for a bounded cache of imported credentials: the first 16 bytes of
 * SHA-256 over the sealed bytes. Every seal uses a fresh nonce, so two seals never share a key, while the same
 * handle presented again always maps to the same entry.
 *
 * <p>The key is not a capability: compute and look it up only <em>after</em> {@link HandleSealer#open} has
 * succeeded for the caller's {@link Binding}, or a handle copied to another uid would hit another caller's entry.
 *
 * @param bytes the 16-byte digest; use {@link #of(byte[])}
 */
public record HandleCacheKey(byte[] bytes) {

    /** Length of a cache key: 128 bits, so a collision needs about 2^64 handles. */
    public static final int BYTES = 16;

    public HandleCacheKey {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a handle cache key is " + BYTES + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The cache key of a sealed handle, as a value with content-based equals and hashCode. */
    public static HandleCacheKey of(byte[] sealed) {
        return new HandleCacheKey(cacheKey(sealed));
    }

    /**
     * The GCM tag of a sealed handle (its last 16 bytes, unique per seal like the nonce) as a key, without hashing;
     * empty for bytes too short to be a handle. Unlike {@link #of(byte[])} it may be looked up <em>before</em> the
     * handle is opened, provided that a hit is confirmed by comparing the whole sealed bytes with the ones this
     * daemon sealed or opened for the entry (and the caller's {@link Binding} is part of the lookup): a client that
     * holds those exact bytes for that binding holds the handle.
     */
    public static Optional<HandleCacheKey> ofTag(byte[] sealed) {
        return sealed.length < SealedLayout.OVERHEAD ? Optional.empty() : Optional.of(
                new HandleCacheKey(Arrays.copyOfRange(sealed, sealed.length - SealedLayout.TAG_BYTES, sealed.length)));
    }

    /** The 16-byte cache key of a sealed handle. */
    public static byte[] cacheKey(byte[] sealed) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(sealed), BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandleCacheKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The first 4 bytes in hex: enough to correlate log lines, never the handle. */
    @Override
    public String toString() {
        return "HandleCacheKey[" + HexFormat.of().formatHex(bytes, 0, 4) + "…]";
    }
}
