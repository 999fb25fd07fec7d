package dev.gssproxy4j.bench;

import java.nio.file.Path;

/**
 * The {@code gssproxy.conf} both daemons get, in upstream's syntax: no debug output (so logging costs nothing),
 * one service for the benchmark's uid that accepts with the realm's service keytab, bound to the socket the
 * daemon listens on (as {@code shared/wire} was captured).
 */
final class DaemonConfig {

    static final String SERVICE_SECTION = "bench";

    private DaemonConfig() {
    }

    static String render(Path socket, Path keytab, int euid) {
        return """
                [gssproxy]
                  debug_level = 0

                [service/%s]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = %d
                  socket = %s
                """.formatted(SERVICE_SECTION, keytab, euid, socket);
    }
}
