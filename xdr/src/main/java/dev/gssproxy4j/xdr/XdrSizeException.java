package dev.gssproxy4j.xdr;

/** An encoded message would exceed the writer's maximum size (e.g. a reply larger than 1 MiB). */
public final class XdrSizeException extends RuntimeException {

    private final long needed;
    private final int maxSize;

    public XdrSizeException(long needed, int maxSize) {
        super("encoded message needs " + needed + " bytes, more than the maximum of " + maxSize);
        this.needed = needed;
        this.maxSize = maxSize;
    }

    public long needed() {
        return needed;
    }

    public int maxSize() {
        return maxSize;
    }
}
