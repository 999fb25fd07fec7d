package dev.gssproxy4j.bench.fuzz;

import java.nio.file.Path;

/**
 * The {@code gssproxy.conf} of the daemon under fuzzing: one service per {@link Target}, each on its own socket
 * in the daemon's directory and all for this process's uid, so the fuzzer reaches the acceptor path (service
 * keytab), the initiator path ({@code client_keytab}, a per-call MEMORY ccache) and, when it runs as root, the
 * trusted kernel path ({@code trusted = yes}, lucid contexts). No debug output: the fuzzer reads only the tail of
 * the daemon's stderr, after a crash.
 */
final class FuzzConfig {

    private FuzzConfig() {
    }

    /** @param trusted whether to add the trusted service (only root's calls can match it, as upstream's nfs) */
    static String render(Path mainSocket, FuzzRealm realm, int uid, boolean trusted) {
        Path dir = mainSocket.getParent();
        String text = """
                [gssproxy]
                  debug_level = 0

                [service/fuzz-acceptor]
                  mechs = krb5
                  cred_store = keytab:%s
                  euid = %d
                  socket = %s

                [service/fuzz-initiator]
                  mechs = krb5
                  cred_store = client_keytab:%s
                  cred_usage = initiate
                  euid = %d
                  socket = %s
                """.formatted(realm.servicesKeytab(), uid, mainSocket, realm.userKeytab(), uid,
                dir.resolve(Target.INITIATOR.socketName()));
        if (trusted) {
            text += """

                    [service/fuzz-nfs-server]
                      mechs = krb5
                      cred_store = keytab:%s
                      trusted = yes
                      euid = 0
                      socket = %s
                    """.formatted(realm.nfsKeytab(), dir.resolve(Target.TRUSTED.socketName()));
        }
        return text;
    }
}
