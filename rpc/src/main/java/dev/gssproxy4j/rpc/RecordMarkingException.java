package dev.gssproxy4j.rpc;

import java.io.IOException;

/**
 * A stream that breaks RFC 5531 section 11 record marking, or a record over the maximum size. The connection
 * cannot be resynchronised afterwards, so the only answer is to close it (upstream does the same).
 */
public final class RecordMarkingException extends IOException {

    /** What broke. */
    public enum Reason {
        /** The record (all its fragments together) is longer than the maximum record size. */
        TOO_LARGE,
        /** The stream ended inside a record mark or a fragment. */
        TRUNCATED,
        /** A fragment without the last-fragment bit where the reader accepts only single-fragment records. */
        FRAGMENTED
    }

    private final Reason reason;

    public RecordMarkingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
