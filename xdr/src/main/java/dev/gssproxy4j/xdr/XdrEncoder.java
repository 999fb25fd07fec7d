package dev.gssproxy4j.xdr;

/** Encodes one value of type {@code T} into a writer. */
@FunctionalInterface
public interface XdrEncoder<T> {
    void encode(XdrWriter writer, T value);
}
