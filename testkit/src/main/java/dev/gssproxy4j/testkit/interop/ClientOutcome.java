package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import java.util.Optional;

/**
 * What {@code gss-client} did: whether the context was established (and how), and how many of the server's MICs
 * over the echoed messages it verified ("Signature verified." per message; the server can only send a MIC after
 * unwrapping the client's wrapped message, so the count proves wrap, unwrap, get_mic and verify_mic).
 */
public record ClientOutcome(int exitCode, Optional<EstablishedContext> context, int signaturesVerified,
                            String stdout, String stderr) {

    static final String SIGNATURE_VERIFIED = "Signature verified.";

    public static ClientOutcome parse(ChildProcess.Result result) {
        int verified = (int) result.stdout().lines().filter(SIGNATURE_VERIFIED::equals).count();
        return new ClientOutcome(result.exitCode(), EstablishedContext.parse(result.stdout()), verified,
                result.stdout(), result.stderr());
    }

    /** Exit 0, an open context, and every one of {@code messages} MICs verified. */
    public boolean verifiedAll(int messages) {
        return exitCode == 0 && context.map(EstablishedContext::open).orElse(false) && signaturesVerified == messages;
    }

    /** The outputs for an assertion message, with long hex runs removed. */
    public String describe() {
        return "gss-client exit " + exitCode + ", " + signaturesVerified + " signature(s) verified, context "
                + context.map(Object::toString).orElse("not established")
                + "\n--- gss-client stdout ---\n" + SafeText.forMessage(stdout, 3000)
                + "\n--- gss-client stderr ---\n" + SafeText.forMessage(stderr, 3000);
    }
}
