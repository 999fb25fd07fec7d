package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.server.config.Caller;

/**
 * What the protocol layer needs from a transport, and all it sees of one (STYLE rule 8): a whole request record
 * in, a reply record or a decision to drop the connection out. Codec and dispatch tests call
 * {@link RecordHandler#handle} directly, with no socket.
 */
public final class Transport {

    private Transport() {}

    /** Where a request came from: the peer, with the socket it connected to, and its connection. */
    public record Origin(Caller caller, long connectionId) {}

    /** The answer to one request record. */
    public sealed interface Outcome permits Reply, ReplyAndClose, Drop {}

    /** Send this whole record (record mark included). */
    public record Reply(byte[] record) implements Outcome {}

    /** Send this whole record, then close the connection for the reason given (e.g. a caller with no service). */
    public record ReplyAndClose(byte[] record, String reason) implements Outcome {}

    /** Close the connection without a reply, for the reason given (logged). */
    public record Drop(String reason) implements Outcome {}

    /** Turns one request record (without its record mark) into an outcome. Must be thread-safe. */
    @FunctionalInterface
    public interface RecordHandler {
        Outcome handle(byte[] request, Origin origin);
    }
}
