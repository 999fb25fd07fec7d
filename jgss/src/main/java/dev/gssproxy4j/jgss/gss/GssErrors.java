package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.client.GssProxyException;
import dev.gssproxy4j.client.GssStatusText;
import dev.gssproxy4j.protocol.GssxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ietf.jgss.GSSException;

/**
 * The one place where daemon statuses and transport failures become {@link GSSException}s. Major codes map from
 * RFC 2744 section 3.9.1 routine errors to the JDK's constants (the two numberings differ); the text names the call,
 * the daemon's own status strings and, for transport failures, the socket, this process's uid and program, and the
 * fix.
 */
public final class GssErrors {

    /** RFC 2744 routine error number (bits 16-23 of a major status) to {@link GSSException} code; 0 = none. */
    private static final int[] ROUTINE_TO_JDK = {
        0,
        GSSException.BAD_MECH,             // 1
        GSSException.BAD_NAME,             // 2
        GSSException.BAD_NAMETYPE,         // 3
        GSSException.BAD_BINDINGS,         // 4
        GSSException.BAD_STATUS,           // 5
        GSSException.BAD_MIC,              // 6 (GSS_S_BAD_SIG)
        GSSException.NO_CRED,              // 7
        GSSException.NO_CONTEXT,           // 8
        GSSException.DEFECTIVE_TOKEN,      // 9
        GSSException.DEFECTIVE_CREDENTIAL, // 10
        GSSException.CREDENTIALS_EXPIRED,  // 11
        GSSException.CONTEXT_EXPIRED,      // 12
        GSSException.FAILURE,              // 13
        GSSException.BAD_QOP,              // 14
        GSSException.UNAUTHORIZED,         // 15
        GSSException.UNAVAILABLE,          // 16
        GSSException.DUPLICATE_ELEMENT,    // 17
        GSSException.NAME_NOT_MN,          // 18
    };

    private GssErrors() {}

    /** The JDK code for an RFC 2744 major status that is an error; FAILURE for calling errors and unknown codes. */
    public static int jdkMajor(long major) {
        int routine = (int) ((major >>> 16) & 0xff);
        return routine > 0 && routine < ROUTINE_TO_JDK.length ? ROUTINE_TO_JDK[routine] : GSSException.FAILURE;
    }

    /** A GSS error the daemon answered {@code call} with, e.g. {@code ACCEPT_SEC_CONTEXT}. */
    static GSSException of(String call, GssxStatus status) {
        return new ProxyGssException(jdkMajor(status.majorStatus()), (int) status.minorStatus(),
                call + " through gssproxy: " + GssStatusText.describe(status), null);
    }

    /** An error found on this side, before or after a call; {@code text} says what and what to do. */
    public static GSSException local(int jdkMajor, String text) {
        return new ProxyGssException(jdkMajor, 0, text, null);
    }

    /**
     * A call that got no GSS answer: the socket cannot be reached, the daemon closed the connection, timed out or
     * answered at RPC level. Upstream closes the connection without a word when no service matches the caller
     * (behaviour reference, section 3), so a connection closed before the first reply names the likely cause.
     */
    static GSSException transport(String call, Path socket, GssProxyException e, boolean firstReplyOnConnection) {
        String text = switch (e.reason()) {
            case CONNECT_FAILED -> cannotConnect(socket, e);
            case CONNECTION_CLOSED -> firstReplyOnConnection && e.requestSent()
                    ? "the GSS-Proxy daemon at " + socket + " closed the connection without answering " + call
                    + ". gssproxy does this when no [service/...] section matches the caller (this process: "
                    + ThisProcess.describe() + "): add one with euid = that uid, or check the daemon's log"
                    : "the connection to the GSS-Proxy daemon at " + socket + " broke during " + call
                    + " (was the daemon restarted?): " + e.getMessage();
            case TIMEOUT -> "the GSS-Proxy daemon at " + socket + " did not answer " + call + " in time: "
                    + e.getMessage();
            default -> call + " through the GSS-Proxy daemon at " + socket + " failed: " + e.getMessage();
        };
        return new ProxyGssException(GSSException.FAILURE, 0, text, e);
    }

    private static String cannotConnect(Path socket, GssProxyException e) {
        String what = "cannot connect to the GSS-Proxy daemon at " + socket + " as " + ThisProcess.describe();
        if (!Files.exists(socket)) {
            return what + ": the socket does not exist. Start gssproxy (or gssproxy4j serve), or point this program"
                    + " at its socket with GSSPROXY_SOCKET, -Dgssproxy4j.socket or the agent option socket=";
        }
        Throwable reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        String cause = reason.getMessage();
        if (cause.contains("ermission denied")) {
            return what + ": permission denied. The socket or a directory above it is not accessible to this uid";
        }
        if (cause.contains("onnection refused")) {
            return what + ": nobody listens on the socket (a daemon that stopped left it behind). Start gssproxy (or"
                    + " gssproxy4j serve), or point this program at the running daemon's socket";
        }
        return what + ": " + cause + ". Is the daemon running?";
    }
}
