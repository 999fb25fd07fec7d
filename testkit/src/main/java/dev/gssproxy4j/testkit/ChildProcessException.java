package dev.gssproxy4j.testkit;

/** A {@link ChildProcess} could not be started, failed, or did not finish (or print what was awaited) in time. */
public final class ChildProcessException extends RuntimeException {

    public ChildProcessException(String message) {
        super(message);
    }

    public ChildProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
