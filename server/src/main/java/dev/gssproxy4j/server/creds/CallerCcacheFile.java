package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.protocol.ClientEnvVar;
import java.util.Arrays;

/**
 * The ccache a caller named with {@code gssproxy4j.env.KRB5CCNAME}, copied into the call's private MEMORY ccache:
 * the file is checked and read by {@link CallerFile}, MIT copies a {@link CallerSnapshot} of those bytes, and the
 * snapshot is gone before the call goes on. The caller's file is only read; tickets MIT adds during the call go to
 * the private copy, and survive the call only inside the sealed credential handle (MIT exports a MEMORY ccache by
 * contents).
 */
final class CallerCcacheFile {

    private CallerCcacheFile() {}

    /**
     * Copies the caller's ccache {@code name} ({@code FILE:/abs/path} or {@code /abs/path}) into {@code target}, or
     * refuses with GSS_S_FAILURE and a minor text that names the problem and mentions only {@code name}.
     */
    static void copyInto(Gss gss, String name, int uid, String target) {
        byte[] bytes = CallerFile.read(ClientEnvVar.KRB5CCNAME, name, uid);
        try (CallerSnapshot snapshot = CallerSnapshot.of(bytes, "ccache")) {
            gss.copyCcache(snapshot.name(), target);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
