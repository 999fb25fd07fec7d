package dev.gssproxy4j.mech.posix;

/** A libc call failed; carries the function and {@code errno} and prints {@code strerror}. */
public final class PosixException extends RuntimeException {

    private final String function;
    private final int errno;

    PosixException(String function, int errno, String detail) {
        super(function + " failed: " + detail + " (errno " + errno + ")");
        this.function = function;
        this.errno = errno;
    }

    public String function() {
        return function;
    }

    public int errno() {
        return errno;
    }
}
