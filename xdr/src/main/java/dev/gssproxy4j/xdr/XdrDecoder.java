package dev.gssproxy4j.xdr;

/** Decodes one value of type {@code T} from a reader. */
@FunctionalInterface
public interface XdrDecoder<T> {
    T decode(XdrReader reader);
}
