package dev.gssproxy4j.testkit;

/**
 * A throwaway realm could not be set up, changed or queried: a KDC did not start, an admin command failed, a tool
 * is missing. The message names what failed and, where there is one, the fix; it never contains keys or passwords.
 */
public final class RealmException extends RuntimeException {

    public RealmException(String message) {
        super(message);
    }

    public RealmException(String message, Throwable cause) {
        super(message, cause);
    }
}
