package dev.gssproxy4j.bench.fuzz;

import java.nio.file.Path;

/**
 * The {@code gssproxy.conf} of the daemon under fuzzing: one service per {@link Target}, each on its own socket
 * in the daemon's directory and all for this process's uid, so the fuzzer reaches the acceptor path (service
 * keytab), the initiator path ({@code client_keytab}, a per-call MEMORY ccache) and, when it runs as root, the
 * trusted kernel path ({@code trusted = yes}, lucid contexts). No debug output: the fuzzer reads only the tail of
 * the daemon's stderr, after a crash.
 *
 * <p>The acceptors have no replay cache ({@code rcache:none:}): the seed AP-REQs are sent thousands of times, and
 * with a replay cache every copy after the first would stop at the replay check, so mutated options, channel
 * bindings and handles would never reach the code that builds, exports and describes the accepted context. It
 * also lets the triage replay an ACCEPT culprit and get the same result.
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
                  cred_store = rcache:none:
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
                      cred_store = rcache:none:
                      trusted = yes
                      euid = 0
                      socket = %s
                    """.formatted(realm.nfsKeytab(), dir.resolve(Target.TRUSTED.socketName()));
        }
        return text;
    }
}
