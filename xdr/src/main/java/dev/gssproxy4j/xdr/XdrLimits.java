package dev.gssproxy4j.xdr;

/**
 * Caps applied while decoding, on top of the check against the bytes that remain.
 *
 * @param maxOpaque     the largest variable-length opaque or string, in bytes
 * @param maxArrayCount the most elements of any variable-length array
 */
public record XdrLimits(int maxOpaque, int maxArrayCount) {

    /** 1 MiB opaques (upstream's MAX_RPC_SIZE bounds the whole record anyway) and 65,536 array elements. */
    public static final XdrLimits DEFAULT = new XdrLimits(1 << 20, 1 << 16);

    public XdrLimits {
        if (maxOpaque < 0 || maxArrayCount < 0) {
            throw new IllegalArgumentException("XDR limits must not be negative");
        }
    }
}
