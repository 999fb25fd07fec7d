package dev.gssproxy4j.server.seal;

import dev.gssproxy4j.xdr.Opaque;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A short, stable key for a sealed handle, for the bounded caches of what handles open to (imported credentials,
 * live contexts): the handle's GCM tag, its last 16 bytes. Every seal uses a fresh nonce, so two seals never share
 * a tag, while the same handle presented again always maps to the same entry; and no one can make another handle
 * with the same tag that opens (that would be a GCM forgery). Taking the tag costs nothing, where hashing a 3 kB
 * credential handle costs microseconds on every call.
 *
 * <p>The key is not a capability. Look it up either <em>after</em> {@link HandleSealer#open} has succeeded for the
 * caller's {@link Binding}, or before, with the binding in the lookup and a hit confirmed by comparing the whole
 * sealed bytes with the ones this daemon sealed or opened for the entry; otherwise a handle copied to another uid,
 * or altered bytes with a copied tag, would reach another caller's entry.
 *
 * @param bytes the 16-byte tag; use {@link #of(byte[])}
 */
public record HandleCacheKey(byte[] bytes) {

    /** Length of a cache key: the 128-bit tag. */
    public static final int BYTES = SealedLayout.TAG_BYTES;

    public HandleCacheKey {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a handle cache key is " + BYTES + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The cache key of a sealed handle, as a value with content-based equals and hashCode; empty for bytes too short to be one. */
    public static Optional<HandleCacheKey> of(byte[] sealed) {
        return sealed.length < SealedLayout.OVERHEAD ? Optional.empty() : Optional.of(
                new HandleCacheKey(Arrays.copyOfRange(sealed, sealed.length - BYTES, sealed.length)));
    }

    /** As {@link #of(byte[])}, for a handle as it was decoded. */
    public static Optional<HandleCacheKey> of(Opaque sealed) {
        return sealed.length() < SealedLayout.OVERHEAD ? Optional.empty()
                : Optional.of(new HandleCacheKey(sealed.tail(BYTES)));
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
