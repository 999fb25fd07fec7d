package dev.gssproxy4j.client;

import dev.gssproxy4j.client.GssProxyException.Reason;
import dev.gssproxy4j.protocol.DecodedReply;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.AcceptStat;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.xdr.XdrDecodeException;

/**
 * Turns a reply record into the procedure's results, with the checks upstream's client library makes
 * ({@code gpm_common.c}): the xid must be the call's, the reply MSG_ACCEPTED/SUCCESS, and the results must decode
 * completely. GSS errors are not checked here: they are results ({@link GssxRes#status()}).
 */
final class Replies {

    private Replies() {}

    /**
     * Names one call in messages, e.g. {@code INDICATE_MECHS (xid 0x62309a43)}; formatted only when a message uses
     * it (string concatenation calls {@link #toString}), not on every call.
     */
    record CallName(Procedure procedure, int xid) {
        @Override
        public String toString() {
            return procedure + " (xid " + hex(xid) + ")";
        }
    }

    /** @throws GssProxyException XID_MISMATCH, MALFORMED_REPLY or RPC_ERROR */
    static GssxRes results(Procedure procedure, int xid, byte[] record) {
        CallName call = new CallName(procedure, xid);
        if (record.length < 4) {
            throw new GssProxyException(Reason.MALFORMED_REPLY, "the reply to " + call + " has " + record.length
                    + " bytes, too short for an xid", null);
        }
        // Check the xid before decoding: a reply to some other call would not decode as this procedure's results.
        int replyXid = ((record[0] & 0xff) << 24) | ((record[1] & 0xff) << 16) | ((record[2] & 0xff) << 8)
                | (record[3] & 0xff);
        if (replyXid != xid) {
            throw new GssProxyException(Reason.XID_MISMATCH, "the reply to " + call + " carries xid "
                    + hex(replyXid) + "; the conversation is out of step", null);
        }
        DecodedReply reply;
        try {
            reply = GssProxyMessages.decodeReply(procedure, record);
        } catch (XdrDecodeException e) {
            throw new GssProxyException(Reason.MALFORMED_REPLY, "the reply to " + call + " does not decode as an "
                    + "RPC reply with " + procedure.resultTypeName() + ": " + e.getMessage(), e);
        }
        if (!reply.isSuccess()) {
            throw GssProxyException.rpcError(call + " was answered " + reply.header().statusName() + ": "
                    + explain(reply.header()), reply.header());
        }
        return reply.result().orElseThrow();
    }

    /** What an RPC-level refusal usually means with GSS-Proxy, and what to check. */
    private static String explain(RpcReply header) {
        return switch (header.body()) {
            case RpcReply.AcceptedError error -> explain(error.stat());
            case RpcReply.ProgMismatch m -> "the server speaks other versions of program 400112; is this a "
                    + "GSS-Proxy v1 socket?";
            case RpcReply.RpcMismatch m -> "the server does not speak ONC RPC version 2";
            case RpcReply.AuthError a -> "the server rejected the call's RPC credentials (GSS-Proxy expects "
                    + "AUTH_NONE and identifies callers by SO_PEERCRED)";
            case RpcReply.Success s -> "success";
        };
    }

    private static String explain(AcceptStat stat) {
        return switch (stat) {
            case PROG_UNAVAIL -> "the socket does not serve program 400112; is it a GSS-Proxy socket?";
            case PROC_UNAVAIL -> "the server does not implement this procedure (upstream has no NULLPROC)";
            case GARBAGE_ARGS -> "the server could not decode the arguments";
            case SYSTEM_ERR -> "the server failed internally; see its log";
            case SUCCESS, PROG_MISMATCH -> stat.name();
        };
    }

    static String hex(int xid) {
        return String.format("0x%08x", xid);
    }
}
