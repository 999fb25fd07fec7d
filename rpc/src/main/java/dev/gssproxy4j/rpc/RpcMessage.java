package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;

/**
 * An RPC message header, RFC 5531 section 9 ({@code struct rpc_msg}): a call or a reply. The procedure's
 * arguments or results follow the header in the same record and are decoded by the caller, from the reader's
 * position after {@link #decode}.
 */
public sealed interface RpcMessage permits RpcCall, RpcReply {

    /** The transaction id: an opaque 32-bit value that the reply echoes. */
    int xid();

    void encode(XdrWriter writer);

    /**
     * Decodes a header and leaves {@code reader} at the first byte of the arguments or results.
     *
     * @throws XdrDecodeException if the header is truncated or has an undefined message type or status
     */
    static RpcMessage decode(XdrReader reader) {
        int xid = reader.readInt("xid");
        MsgType type = reader.readEnum("msg_type", MsgType.class);
        return switch (type) {
            case CALL -> RpcCall.decodeBody(xid, reader);
            case REPLY -> RpcReply.decodeBody(xid, reader);
        };
    }
}
