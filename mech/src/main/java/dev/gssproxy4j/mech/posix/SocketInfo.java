package dev.gssproxy4j.mech.posix;

import java.util.Optional;

/**
 * What a socket descriptor is ({@code getsockopt} {@code SO_DOMAIN}, {@code SO_TYPE}, {@code SO_ACCEPTCONN} and
 * {@code getsockname}): enough to tell whether a descriptor handed over by systemd is the listening AF_UNIX stream
 * socket a unit's {@code ListenStream=/path} makes, and which path it is bound to.
 *
 * @param domain    the address family ({@code AF_UNIX} is 1)
 * @param type      the socket type ({@code SOCK_STREAM} is 1)
 * @param listening whether {@code listen()} was called on it
 * @param path      the bound path of an AF_UNIX socket; empty if unnamed, abstract ({@code @name}) or not AF_UNIX
 */
public record SocketInfo(int domain, int type, boolean listening, Optional<String> path) {

    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;

    public boolean isUnixStream() {
        return domain == AF_UNIX && type == SOCK_STREAM;
    }
}
