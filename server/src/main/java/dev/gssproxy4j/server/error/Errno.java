package dev.gssproxy4j.server.error;

/**
 * The errno values the daemon sends as the minor status of errors of its own making, as upstream uses them (Linux
 * numbering): a client prints them with {@code strerror}, so each is chosen for what it means there.
 */
public enum Errno {
    /** No such user: a uid or user name the service needs is unknown. */
    ENOENT(2),
    /** Try again later: the daemon's GSS calls are saturated. */
    EAGAIN(11),
    /** Permission denied: refusals. */
    EACCES(13),
    /** Invalid argument: bad arguments and options. */
    EINVAL(22),
    /** Message too long: a result too large for one record. */
    EMSGSIZE(90),
    /** Operation not supported: procedures that neither gssproxy4j nor upstream implement. */
    EOPNOTSUPP(95);

    private final int code;

    Errno(int code) {
        this.code = code;
    }

    /** The value on the wire, as the 32-bit minor status. */
    public long code() {
        return code;
    }
}
