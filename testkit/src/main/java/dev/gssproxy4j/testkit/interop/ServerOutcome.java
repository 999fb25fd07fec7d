package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code gss-server -once} did with its one client: the initiator name it accepted, the local name
 * {@code gss_localname} gave (through the proxy: an IMPORT_AND_CANON_NAME call), and every message it unwrapped.
 *
 * <p>{@code localname} is printed by {@code gss-server} with {@code %-*s}, a minimum width instead of a precision,
 * so a name returned without a terminating NUL (upstream gssproxy returns {@code "alice"}, 5 bytes) may be
 * followed by stray bytes: compare with {@code startsWith}.
 */
public record ServerOutcome(int exitCode, Optional<String> acceptedClient, Optional<String> localname,
                            List<String> receivedMessages, String stdout, String stderr) {

    private static final Pattern ACCEPTED = Pattern.compile("^Accepted connection: \"(.*)\"$", Pattern.MULTILINE);
    private static final Pattern LOCALNAME = Pattern.compile("^localname: (.*)$", Pattern.MULTILINE);
    private static final Pattern RECEIVED = Pattern.compile("^Received message: \"(.*)\"$", Pattern.MULTILINE);

    public ServerOutcome {
        receivedMessages = List.copyOf(receivedMessages);
    }

    public static ServerOutcome parse(ChildProcess.Result result) {
        String out = result.stdout();
        return new ServerOutcome(result.exitCode(), first(ACCEPTED, out), first(LOCALNAME, out).map(String::strip),
                RECEIVED.matcher(out).results().map(m -> m.group(1)).toList(), out, result.stderr());
    }

    /** Exit 0, a context accepted, and exactly {@code messages} copies of {@code message} unwrapped. */
    public boolean received(String message, int messages) {
        return exitCode == 0 && acceptedClient.isPresent()
                && receivedMessages.equals(java.util.Collections.nCopies(messages, message));
    }

    public String describe() {
        return "gss-server exit " + exitCode + ", accepted " + acceptedClient.orElse("nobody") + ", "
                + receivedMessages.size() + " message(s) unwrapped"
                + "\n--- gss-server stdout ---\n" + SafeText.forMessage(stdout, 3000)
                + "\n--- gss-server stderr ---\n" + SafeText.forMessage(stderr, 3000);
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
