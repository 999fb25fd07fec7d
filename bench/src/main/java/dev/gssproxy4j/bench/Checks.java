package dev.gssproxy4j.bench;

import dev.gssproxy4j.mech.SecContext;
import java.util.Arrays;

/** The correctness check every operation ends with, so a run cannot count work that silently went wrong. */
final class Checks {

    private Checks() {
    }

    /** Unwraps the token's message with {@code context} and fails unless it is the initiator's plaintext. */
    static void unwrapMatches(SecContext context, Token token) {
        byte[] message = context.unwrap(token.wrapped()).message();
        if (!Arrays.equals(message, token.plaintext())) {
            throw new AcceptPath.OperationFailed("gss_unwrap returned " + message.length + " bytes that differ from"
                    + " the " + token.plaintext().length + " bytes the initiator wrapped", false, null);
        }
    }
}
