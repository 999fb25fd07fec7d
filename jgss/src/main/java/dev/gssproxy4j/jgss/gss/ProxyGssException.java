package dev.gssproxy4j.jgss.gss;

import org.ietf.jgss.GSSException;

/**
 * A {@link GSSException} whose message always carries the explanation: the daemon's status text, or what went
 * wrong on the way to the daemon and what to do about it. {@code GSSException.getMessage()} drops the minor string
 * when the minor code is 0, which is exactly the case for most of what this provider reports (the daemon's own
 * checks answer with minor 0 and the reason in the text; transport failures have no minor code at all).
 */
public final class ProxyGssException extends GSSException {

    private final String explanation;

    ProxyGssException(int major, int minor, String explanation, Throwable cause) {
        super(major, minor, explanation);
        this.explanation = explanation;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** What went wrong, without the major status's standard text. */
    public String explanation() {
        return explanation;
    }

    @Override
    public String getMessage() {
        return getMajorString() + " (" + explanation + ")";
    }
}
