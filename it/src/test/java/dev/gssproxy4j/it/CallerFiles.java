package dev.gssproxy4j.it;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.testkit.interop.LocalUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * What the client-environment tests ({@code gssproxy4j.env.*}) share: a caller's own Kerberos file, and an
 * INIT_SEC_CONTEXT naming it, sent from another uid.
 */
final class CallerFiles {

    /** The krb5 mechanism, for the Java layer. */
    static final Oid KRB5 = krb5();

    private CallerFiles() {}

    /** A copy of {@code source} in {@code dir}, owned by {@code uid}, mode 0600: a file that uid owns. */
    static Path ownedCopy(Path source, Path dir, String name, int uid) throws IOException {
        Path file = dir.resolve(name);
        Files.copy(source, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setAttribute(file, "unix:uid", uid);
        return file;
    }

    /** INIT_SEC_CONTEXT to {@code target} with {@code variable} = {@code value}, sent as {@code user}. */
    static ResInitSecContext initAs(OtherUidCalls calls, LocalUser user, Path socket, String target,
                                    ClientEnvVar variable, String value) {
        ArgInitSecContext args = new ArgInitSecContext(CallCtx.withOptions(List.of(GssxOption.of(
                variable.optionName(), value))), Optional.empty(), Optional.empty(),
                Optional.of(Args.hostbasedService(target)), Oids.KRB5, Args.GSS_C_INTEG_FLAG, 0, Optional.empty(),
                Optional.empty(), List.of());
        byte[] reply = calls.callOnce(user, socket, Wire.callRecord(3, Procedure.INIT_SEC_CONTEXT, args))
                .orElseThrow(() -> new AssertionError("the daemon closed the connection"));
        return Wire.results(reply, Procedure.INIT_SEC_CONTEXT, ResInitSecContext.class);
    }

    /** The daemon's minor status text. */
    static String text(GssxStatus status) {
        return status.minorStatusString().toText();
    }

    private static Oid krb5() {
        try {
            return new Oid("1.2.840.113554.1.2.2");
        } catch (GSSException e) {
            throw new IllegalStateException(e);
        }
    }
}
