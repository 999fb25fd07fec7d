package dev.gssproxy4j.bench;

/**
 * One unit of work, made ahead of time by the initiator: a fresh AP-REQ (the first and only context token, no
 * mutual authentication requested) and a message the initiator wrapped with that context. {@link #toString()}
 * prints lengths only: the tokens carry tickets and session-key-protected data.
 */
public record Token(byte[] apReq, byte[] wrapped, byte[] plaintext) {

    @Override
    public String toString() {
        return "Token[apReq=" + apReq.length + " bytes, wrapped=" + wrapped.length + " bytes]";
    }
}
