package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.Behavior;
import dev.gssproxy4j.jgss.gss.GssErrors;
import org.ietf.jgss.GSSException;

/**
 * Runs one step the way a {@link Behavior} says: through the daemon, with the JDK's own krb5, or one and then the
 * other, as the interposer does ({@code gpp_init_sec_context.c}: try the first side, on an error try the second).
 * When both fail the exception keeps the first side's major code and tells both reasons, where the interposer
 * reports only one.
 */
final class Routing {

    /** One way of doing the step. */
    @FunctionalInterface
    interface Side<T> {
        T run() throws GSSException;
    }

    private Routing() {}

    static <T> T route(Behavior behavior, String step, Side<T> remote, Side<T> local) throws GSSException {
        return switch (behavior) {
            case REMOTE_ONLY -> remote.run();
            case LOCAL_ONLY -> local.run();
            case REMOTE_FIRST -> firstThen(step, "through gssproxy", remote, "with the JDK's own krb5", local);
            case LOCAL_FIRST -> firstThen(step, "with the JDK's own krb5", local, "through gssproxy", remote);
        };
    }

    private static <T> T firstThen(String step, String firstName, Side<T> first, String secondName, Side<T> second)
            throws GSSException {
        GSSException firstFailure;
        try {
            return first.run();
        } catch (GSSException e) {
            firstFailure = e;
        }
        try {
            return second.run();
        } catch (GSSException e) {
            GSSException both = GssErrors.local(firstFailure.getMajor(), step + " failed both ways: " + firstName
                    + ": " + firstFailure.getMessage() + "; " + secondName + ": " + e.getMessage());
            both.initCause(firstFailure);
            both.addSuppressed(e);
            throw both;
        }
    }
}
