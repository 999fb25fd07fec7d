package dev.gssproxy4j.testkit.interop;

/** One {@code gss-client} / {@code gss-server -once} conversation: both sides' outcomes. */
public record Exchange(String message, int messages, ClientOutcome client, ServerOutcome server) {

    /**
     * The whole sample protocol worked: a mutually authenticated, open context on the client; the server accepted
     * it and unwrapped every message; the client verified the server's MIC over each one.
     */
    public boolean succeeded() {
        return client.verifiedAll(messages)
                && client.context().map(EstablishedContext::mutual).orElse(false)
                && server.received(message, messages);
    }

    /** Both programs' outputs (long hex removed), for assertion messages. */
    public String describe() {
        return client.describe() + "\n" + server.describe();
    }
}
