package dev.gssproxy4j.rpc;

/**
 * An RPC-level fault that carries the reply answering it (the style of oncrpc4j's {@code RpcException}): whoever
 * finds the fault builds it with its reply, and the server sends {@link #reply()} as it is. The message says why,
 * for the server's log; it is never sent.
 */
public final class RpcException extends Exception {

    private final transient RpcReply reply;

    private RpcException(RpcReply reply, String why) {
        super(why, null, false, false); // an expected answer to a hostile or broken peer: no stack trace
        this.reply = reply;
    }

    /** The reply that answers the fault, to the call's xid. */
    public RpcReply reply() {
        return reply;
    }

    /** MSG_DENIED/RPC_MISMATCH naming the only RPC version, 2. */
    public static RpcException rpcMismatch(int xid, String why) {
        return new RpcException(new RpcReply(xid, new RpcReply.RpcMismatch(RpcCall.RPC_VERSION,
                RpcCall.RPC_VERSION)), why);
    }

    /** MSG_DENIED/AUTH_ERROR with {@code stat}. */
    public static RpcException authError(int xid, AuthStat stat, String why) {
        return new RpcException(new RpcReply(xid, new RpcReply.AuthError(stat)), why);
    }

    /** MSG_ACCEPTED/PROG_MISMATCH naming the versions served, {@code low} to {@code high}. */
    public static RpcException progMismatch(int xid, int low, int high, String why) {
        return new RpcException(new RpcReply(xid, new RpcReply.ProgMismatch(OpaqueAuth.NONE, low, high)), why);
    }

    /** MSG_ACCEPTED with {@code stat}: PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS or SYSTEM_ERR. */
    public static RpcException accepted(int xid, AcceptStat stat, String why) {
        return new RpcException(RpcReply.accepted(xid, stat), why);
    }
}
