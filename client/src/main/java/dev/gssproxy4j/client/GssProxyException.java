package dev.gssproxy4j.client;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.rpc.RpcReply;
import java.util.Objects;
import java.util.Optional;

/**
 * A GSS-Proxy call that produced no usable result: transport, framing and RPC-level faults, plus GSS errors that a
 * caller asked to be thrown ({@link GssProxyClient#requireComplete}). Unchecked, like
 * {@link java.io.UncheckedIOException}: most callers cannot recover beyond reporting it, and the typed helpers stay
 * usable in lambdas and streams.
 *
 * <p>The message always names the reason, the procedure and (for RPC errors) the RPC status, e.g.
 * {@code RPC_ERROR: INDICATE_MECHS (xid 0x4b450002) was answered MSG_ACCEPTED/PROC_UNAVAIL ...}. It never quotes
 * tokens or handle contents.
 */
public final class GssProxyException extends RuntimeException {

    /** Why the call failed; {@link #closesConnection()} says whether the client is still usable afterwards. */
    public enum Reason {
        /** The socket could not be connected (missing, refused, no permission). */
        CONNECT_FAILED(true),
        /** No whole reply within the client's I/O timeout; the connection was closed to unblock the call. */
        TIMEOUT(true),
        /** The server closed or reset the connection before a whole reply arrived. */
        CONNECTION_CLOSED(true),
        /** The reply broke RFC 5531 section 11 record marking (ended inside a record). */
        FRAMING(true),
        /** The reply's record marks announce more than the maximum reply size (upstream: 1 MiB). */
        REPLY_TOO_LARGE(true),
        /** The reply's xid is not the call's: the stream is out of step, so the connection is closed. */
        XID_MISMATCH(true),
        /** The reply is not a valid RPC reply carrying the procedure's results. */
        MALFORMED_REPLY(true),
        /** The server refused the call at RPC level (PROC_UNAVAIL, GARBAGE_ARGS, AUTH_ERROR...); still usable. */
        RPC_ERROR(false),
        /** The encoded call exceeds the maximum request size (upstream: 1 MiB); nothing was sent. */
        REQUEST_TOO_LARGE(false),
        /** The client was closed, by {@link GssProxyClient#close()} or after an earlier fatal failure. */
        CLIENT_CLOSED(true),
        /** A GSS major status other than the one required ({@link GssProxyClient#requireComplete}). */
        GSS_ERROR(false);

        private final boolean closesConnection;

        Reason(boolean closesConnection) {
            this.closesConnection = closesConnection;
        }

        /** Whether the client's connection is closed after a failure for this reason. */
        public boolean closesConnection() {
            return closesConnection;
        }
    }

    private final Reason reason;
    private final transient RpcReply rpcReply;
    private final transient GssxStatus gssStatus;
    private final boolean requestSent;

    GssProxyException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null, null, true);
    }

    private GssProxyException(Reason reason, String message, Throwable cause, RpcReply rpcReply,
                              GssxStatus gssStatus, boolean requestSent) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.rpcReply = rpcReply;
        this.gssStatus = gssStatus;
        this.requestSent = requestSent;
    }

    /** A failure before the whole request was written: the server cannot have received the call. */
    static GssProxyException notSent(Reason reason, String message, Throwable cause) {
        return new GssProxyException(reason, message, cause, null, null, false);
    }

    static GssProxyException rpcError(String message, RpcReply reply) {
        return new GssProxyException(Reason.RPC_ERROR, message, null, reply, null, true);
    }

    static GssProxyException gssError(String message, GssxStatus status) {
        return new GssProxyException(Reason.GSS_ERROR, message, null, null, status, true);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Whether the server may have received the whole request. False when the call failed before its last byte was
     * written (connect failed, the connection was already closed, or the write itself failed, e.g. with EPIPE
     * because the daemon was restarted): the server cannot have processed it, so sending it again on a new
     * connection cannot make it run twice. True whenever that is not certain, e.g. the daemon closed the connection
     * after the request was written; a context-establishment token must then not be resent, as a replay would be
     * refused.
     */
    public boolean requestSent() {
        return requestSent;
    }

    /** For {@link Reason#RPC_ERROR}: the reply header, e.g. {@code statusName()} {@code MSG_ACCEPTED/PROC_UNAVAIL}. */
    public Optional<RpcReply> rpcReply() {
        return Optional.ofNullable(rpcReply);
    }

    /** For {@link Reason#GSS_ERROR}: the status that was not acceptable. */
    public Optional<GssxStatus> gssStatus() {
        return Optional.ofNullable(gssStatus);
    }
}
